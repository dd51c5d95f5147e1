namespace Tollway.Gateway.Proxy;

/// <summary>Token counts as an upstream reported them.</summary>
/// <remarks>Prompt tokens include cached and cache-write tokens; completion tokens include reasoning tokens. The
/// 1-hour cache writes (part of the cache writes) and the web searches are <see langword="null"/> when the report does
/// not itemize them.</remarks>
public readonly record struct TokenUsage(
    int PromptTokens,
    int CompletionTokens,
    int CachedTokens,
    int ReasoningTokens,
    int CacheWriteTokens = 0,
    int? CacheWrite1hTokens = null,
    int? WebSearches = null)
{
    /// <summary>Prompt plus completion.</summary>
    public int TotalTokens => PromptTokens + CompletionTokens;
}
