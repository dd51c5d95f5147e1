using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>A list in the admin API: <c>{"data":[…]}</c>, the envelope OpenAI uses too.</summary>
public sealed record ListResponse<T>([property: JsonPropertyName("data")] IReadOnlyList<T> Data);
