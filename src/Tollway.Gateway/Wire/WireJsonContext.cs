using System.Text.Json.Serialization;

namespace Tollway.Gateway.Wire;

/// <summary>Source-generated serialization for the few values the request path serializes.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
