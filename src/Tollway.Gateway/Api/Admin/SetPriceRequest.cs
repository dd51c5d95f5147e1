using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>Body of <c>PUT /admin/v1/prices</c>: one endpoint's prices in USD per million tokens (request fee per request), as decimal text.</summary>
public sealed record SetPriceRequest(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("provider")] string? Provider,
    [property: JsonPropertyName("input")] string? Input,
    [property: JsonPropertyName("output")] string? Output,
    [property: JsonPropertyName("cached_input")] string? CachedInput,
    [property: JsonPropertyName("cache_write")] string? CacheWrite,
    [property: JsonPropertyName("reasoning")] string? Reasoning,
    [property: JsonPropertyName("request")] string? Request);
