using System.Text.Json.Serialization;

namespace Tollway.Storage.Sqlite;

/// <summary>Source-generated JSON for the list columns.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext;
