namespace Tollway.Gateway.Money.Pricing;

/// <summary>
/// Token counts in the form prices apply to. As OpenAI reports them, prompt tokens include cached and cache-write
/// tokens and completion tokens include reasoning tokens; each subset is priced at its own rate and the rest at the
/// base rate, so no token is counted twice. <see cref="CacheWrite1hTokens"/> are the part of the cache writes kept for
/// an hour; <see cref="WebSearches"/> the searches the provider ran, priced per search rather than per token;
/// <see cref="AudioTokens"/> the prompt tokens of audio, apart from the cached and cache-write ones (which are text).
/// </summary>
public readonly record struct BilledTokens(
    int PromptTokens,
    int CompletionTokens,
    int CachedTokens = 0,
    int CacheWriteTokens = 0,
    int ReasoningTokens = 0,
    int CacheWrite1hTokens = 0,
    int WebSearches = 0,
    int AudioTokens = 0);
