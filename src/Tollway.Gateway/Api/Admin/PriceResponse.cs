using System.Text.Json.Serialization;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Api.Admin;

/// <summary>An endpoint's prices in USD per million tokens (request: USD per request) as decimal text; <see langword="null"/>
/// where a rate is not priced apart.</summary>
public sealed record PriceResponse(
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("cached_input")] string? CachedInput,
    [property: JsonPropertyName("cache_write")] string? CacheWrite,
    [property: JsonPropertyName("reasoning")] string? Reasoning,
    [property: JsonPropertyName("request")] string Request)
{
    /// <summary>The response form of <paramref name="pricing"/>.</summary>
    public static PriceResponse? From(ModelPricing? pricing) => pricing is null
        ? null
        : new(UsdAmount.FormatUsd(pricing.InputPerMillion), UsdAmount.FormatUsd(pricing.OutputPerMillion), Format(pricing.CachedInputPerMillion),
            Format(pricing.CacheWritePerMillion), Format(pricing.ReasoningPerMillion), UsdAmount.FormatUsd(pricing.RequestFee));

    private static string? Format(long? nanos) => nanos is { } value ? UsdAmount.FormatUsd(value) : null;
}
