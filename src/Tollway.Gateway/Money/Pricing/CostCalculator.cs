using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Money.Pricing;

/// <summary>
/// Prices tokens exactly. Every product of tokens and a per-million price is an integer of nano-USD / 10⁶, so the sum
/// is exact; only the final division rounds, up to the next nano-dollar, once for the provider cost and once for the
/// markup (at most two nano-dollars, 2×10⁻⁹ USD, per request). Sums run in <see cref="Int128"/> and are narrowed to
/// <see cref="long"/> only after a check: a cost never wraps.
/// </summary>
public static class CostCalculator
{
    private const long PerMillion = 1_000_000;

    /// <summary>
    /// The cost of tokens actually used. A cost past <see cref="long.MaxValue"/> (only a provider reporting absurd
    /// usage could reach one) saturates there instead of wrapping: no hold is that large, so the charge is then capped
    /// at the hold, as any report above the worst case is.
    /// </summary>
    public static Cost Price(ModelPricing pricing, BilledTokens tokens, long markupPartsPerMillion)
    {
        // Audio first: a report that counts more cached or cache-write tokens than the text leaves bills them as audio.
        var audio = Math.Clamp(tokens.AudioTokens, 0, Math.Max(tokens.PromptTokens, 0));
        var cached = Math.Clamp(tokens.CachedTokens, 0, Math.Max(tokens.PromptTokens - audio, 0));
        var cacheWrite = Math.Clamp(tokens.CacheWriteTokens, 0, Math.Max(tokens.PromptTokens - audio - cached, 0));
        var cacheWrite1h = Math.Clamp(tokens.CacheWrite1hTokens, 0, cacheWrite);
        var plainPrompt = Math.Max(tokens.PromptTokens - audio - cached - cacheWrite, 0);
        var reasoning = Math.Clamp(tokens.ReasoningTokens, 0, Math.Max(tokens.CompletionTokens, 0));
        var plainCompletion = Math.Max(tokens.CompletionTokens - reasoning, 0);

        var scaled = ((Int128)plainPrompt * pricing.InputPerMillion)
            + ((Int128)audio * (pricing.InputAudioPerMillion ?? pricing.InputPerMillion))
            + ((Int128)cached * (pricing.CachedInputPerMillion ?? pricing.InputPerMillion))
            + ((Int128)(cacheWrite - cacheWrite1h) * (pricing.CacheWritePerMillion ?? pricing.InputPerMillion))
            + ((Int128)cacheWrite1h * (pricing.CacheWrite1hPerMillion ?? pricing.CacheWritePerMillion ?? pricing.InputPerMillion))
            + ((Int128)plainCompletion * pricing.OutputPerMillion)
            + ((Int128)reasoning * (pricing.ReasoningPerMillion ?? pricing.OutputPerMillion))
            + WebSearchesScaled(pricing, tokens.WebSearches);
        var (providerCost, markup) = Split(scaled, pricing.RequestFee, markupPartsPerMillion);
        var saturatedProvider = Int128.Min(providerCost, long.MaxValue);
        return new Cost((long)saturatedProvider, (long)Int128.Min(markup, long.MaxValue - saturatedProvider));
    }

    /// <summary>The worst case of <paramref name="choices"/> completions of a prompt with no audio and no feature priced
    /// apart: <see cref="WorstCase(ModelPricing, in WorstCaseTokens, long, PricedFeatures)"/>.</summary>
    public static Cost? WorstCase(ModelPricing pricing, int promptTokens, int maxOutputTokens, int choices, long markupPartsPerMillion) =>
        WorstCase(pricing, new WorstCaseTokens(promptTokens, maxOutputTokens, choices), markupPartsPerMillion);

    /// <summary>
    /// The most a request can cost: every prompt token at the dearest prompt rate (the 1-hour cache write rate among
    /// them when the request asks for such writes; the audio rate too for those of them that may be audio) and every
    /// possible output token at the dearest output rate, for each of the <paramref name="tokens"/>' choices, and every
    /// web search it allows, with the markup.
    /// <see langword="null"/> when that cannot be represented in a <see cref="long"/>: such a request cannot be held
    /// for, and must be refused.
    /// </summary>
    public static Cost? WorstCase(ModelPricing pricing, in WorstCaseTokens tokens, long markupPartsPerMillion, PricedFeatures features = default)
    {
        var (promptTokens, maxOutputTokens, choices, audioTokens) = tokens;
        ArgumentOutOfRangeException.ThrowIfNegative(promptTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutputTokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(choices, 1);
        // The dearest of every prompt rate, cached reads included: a price list may set any of them highest.
        var promptRate = Math.Max(pricing.InputPerMillion, Math.Max(pricing.CachedInputPerMillion ?? 0, pricing.CacheWritePerMillion ?? 0));
        promptRate = features.CacheWrites1h ? Math.Max(promptRate, pricing.CacheWrite1hPerMillion ?? 0) : promptRate;
        var audio = Math.Clamp(audioTokens, 0, promptTokens);
        var audioRate = Math.Max(promptRate, pricing.InputAudioPerMillion ?? 0);
        var outputRate = Math.Max(pricing.OutputPerMillion, pricing.ReasoningPerMillion ?? 0);
        var scaled = ((Int128)(promptTokens - audio) * promptRate) + ((Int128)audio * audioRate) + ((Int128)maxOutputTokens * choices * outputRate)
            + WebSearchesScaled(pricing, features.MaxWebSearches);
        var (providerCost, markup) = Split(scaled, pricing.RequestFee, markupPartsPerMillion);
        return providerCost + markup <= long.MaxValue ? new Cost((long)providerCost, (long)markup) : null;
    }

    /// <summary>Searches at their price per 1,000, in the millionths of a nano-dollar the token products are summed in.</summary>
    private static Int128 WebSearchesScaled(ModelPricing pricing, int searches) =>
        (Int128)Math.Max(searches, 0) * (pricing.WebSearchPerThousand ?? 0) * (PerMillion / 1_000);

    /// <summary>The provider cost and the markup on it, both rounded up, exact in <see cref="Int128"/>: counts are at
    /// most 2³¹ each and rates at most 2⁶³ (2⁷³ for searches, priced per thousand), so the scaled sum stays below 2¹⁰⁵,
    /// and the markup is only computed on a provider cost that fits a <see cref="long"/> (past that, the cost is
    /// unrepresentable whatever the markup).</summary>
    private static (Int128 ProviderCost, Int128 Markup) Split(Int128 scaled, long requestFee, long markupPartsPerMillion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(markupPartsPerMillion);
        var providerCost = CeilingDivide(scaled, PerMillion) + requestFee;
        if (providerCost > long.MaxValue)
        {
            return (providerCost, 0);
        }

        return (providerCost, CeilingDivide(providerCost * markupPartsPerMillion, PerMillion));
    }

    private static Int128 CeilingDivide(Int128 value, long divisor) => (value + divisor - 1) / divisor;
}
