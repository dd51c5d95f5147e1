namespace Tollway.Gateway.Proxy;

/// <summary>Token counts as an upstream reported them.</summary>
public readonly record struct TokenUsage(int PromptTokens, int CompletionTokens, int CachedTokens, int ReasoningTokens)
{
    /// <summary>Prompt plus completion.</summary>
    public int TotalTokens => PromptTokens + CompletionTokens;
}
