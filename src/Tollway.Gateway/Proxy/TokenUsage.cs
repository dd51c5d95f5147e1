namespace Tollway.Gateway.Proxy;

/// <summary>Token counts as an upstream reported them.</summary>
/// <remarks>Prompt tokens include cached and cache-write tokens; completion tokens include reasoning tokens.</remarks>
public readonly record struct TokenUsage(int PromptTokens, int CompletionTokens, int CachedTokens, int ReasoningTokens, int CacheWriteTokens = 0)
{
    /// <summary>Prompt plus completion.</summary>
    public int TotalTokens => PromptTokens + CompletionTokens;
}
