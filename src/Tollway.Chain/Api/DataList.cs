using System.Text.Json.Serialization;

namespace Tollway.Chain.Api;

/// <summary>A list under <c>data</c>.</summary>
public sealed record DataList<T>([property: JsonPropertyName("data")] IReadOnlyList<T> Data);
