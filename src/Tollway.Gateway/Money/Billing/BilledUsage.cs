using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// The tokens a provider's report is billed as. What the report does not itemize is billed at the dearest the request
/// allowed: all its cache writes at the 1-hour rate if it asked for those, every search it allowed, and — if it carried
/// input that may be audio — every prompt token as audio. Cached audio is billed at the audio rate, so the cached tokens
/// billed at the cached rate are those not of audio; when the report does not say which are, none of the audio is
/// taken to be one of them.
/// </summary>
internal static class BilledUsage
{
    public static BilledTokens Tokens(TokenUsage reported, PricedFeatures features)
    {
        var audio = reported.AudioTokens ?? (features.Audio ? reported.PromptTokens : 0);
        var cachedAudio = reported.CachedAudioTokens ?? Math.Min(audio, reported.CachedTokens);
        return new BilledTokens(
            reported.PromptTokens,
            reported.CompletionTokens,
            Math.Max(reported.CachedTokens - cachedAudio, 0),
            reported.CacheWriteTokens,
            reported.ReasoningTokens,
            reported.CacheWrite1hTokens ?? (features.CacheWrites1h ? reported.CacheWriteTokens : 0),
            reported.WebSearches ?? features.MaxWebSearches,
            audio);
    }
}
