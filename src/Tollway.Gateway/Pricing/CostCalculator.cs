using Tollway.Gateway.Catalog;

namespace Tollway.Gateway.Pricing;

/// <summary>
/// Prices tokens exactly. Every product of tokens and a per-million price is an integer of nano-USD / 10⁶, so the sum
/// is exact; only the final division rounds, up to the next nano-dollar, once for the provider cost and once for the
/// markup (at most two nano-dollars, 2×10⁻⁹ USD, per request).
/// </summary>
public static class CostCalculator
{
    private const long PerMillion = 1_000_000;

    /// <summary>The cost of tokens actually used.</summary>
    public static Cost Price(ModelPricing pricing, BilledTokens tokens, long markupPartsPerMillion)
    {
        var cached = Math.Clamp(tokens.CachedTokens, 0, Math.Max(tokens.PromptTokens, 0));
        var cacheWrite = Math.Clamp(tokens.CacheWriteTokens, 0, Math.Max(tokens.PromptTokens - cached, 0));
        var cacheWrite1h = Math.Clamp(tokens.CacheWrite1hTokens, 0, cacheWrite);
        var plainPrompt = Math.Max(tokens.PromptTokens - cached - cacheWrite, 0);
        var reasoning = Math.Clamp(tokens.ReasoningTokens, 0, Math.Max(tokens.CompletionTokens, 0));
        var plainCompletion = Math.Max(tokens.CompletionTokens - reasoning, 0);

        var scaled = ((Int128)plainPrompt * pricing.InputPerMillion)
            + ((Int128)cached * (pricing.CachedInputPerMillion ?? pricing.InputPerMillion))
            + ((Int128)(cacheWrite - cacheWrite1h) * (pricing.CacheWritePerMillion ?? pricing.InputPerMillion))
            + ((Int128)cacheWrite1h * (pricing.CacheWrite1hPerMillion ?? pricing.CacheWritePerMillion ?? pricing.InputPerMillion))
            + ((Int128)plainCompletion * pricing.OutputPerMillion)
            + ((Int128)reasoning * (pricing.ReasoningPerMillion ?? pricing.OutputPerMillion))
            + WebSearchesScaled(pricing, tokens.WebSearches);
        var providerCost = checked((long)CeilingDivide(scaled, PerMillion) + pricing.RequestFee);
        return new Cost(providerCost, Markup(providerCost, markupPartsPerMillion));
    }

    /// <summary>
    /// The most a request can cost: every prompt token at the dearest prompt rate (the 1-hour cache write rate among
    /// them when the request asks for such writes) and every possible output token at the dearest output rate, for each
    /// of <paramref name="choices"/> completions, and every web search it allows.
    /// </summary>
    public static Cost WorstCase(
        ModelPricing pricing, int promptTokens, int maxOutputTokens, int choices, long markupPartsPerMillion, PricedFeatures features = default)
    {
        var promptRate = Math.Max(pricing.InputPerMillion, pricing.CacheWritePerMillion ?? 0);
        promptRate = features.CacheWrites1h ? Math.Max(promptRate, pricing.CacheWrite1hPerMillion ?? 0) : promptRate;
        var outputRate = Math.Max(pricing.OutputPerMillion, pricing.ReasoningPerMillion ?? 0);
        var scaled = ((Int128)promptTokens * promptRate) + ((Int128)maxOutputTokens * Math.Max(choices, 1) * outputRate)
            + WebSearchesScaled(pricing, features.MaxWebSearches);
        var providerCost = checked((long)CeilingDivide(scaled, PerMillion) + pricing.RequestFee);
        return new Cost(providerCost, Markup(providerCost, markupPartsPerMillion));
    }

    /// <summary>Searches at their price per 1,000, in the millionths of a nano-dollar the token products are summed in.</summary>
    private static Int128 WebSearchesScaled(ModelPricing pricing, int searches) =>
        (Int128)Math.Max(searches, 0) * (pricing.WebSearchPerThousand ?? 0) * (PerMillion / 1_000);

    private static long Markup(long providerCost, long partsPerMillion) =>
        (long)CeilingDivide((Int128)providerCost * partsPerMillion, PerMillion);

    private static Int128 CeilingDivide(Int128 value, long divisor) => (value + divisor - 1) / divisor;
}
