namespace Tollway.Testing.Upstreams;

/// <summary>Token counts the fake upstream reports instead of the ones it would derive from the request.</summary>
/// <param name="PromptTokens">Reported as <c>usage.prompt_tokens</c>.</param>
/// <param name="CompletionTokens">Reported as <c>usage.completion_tokens</c> (summed over all choices).</param>
/// <param name="CachedTokens">Reported as <c>usage.prompt_tokens_details.cached_tokens</c>.</param>
/// <param name="ReasoningTokens">Reported as <c>usage.completion_tokens_details.reasoning_tokens</c>.</param>
/// <param name="CacheWriteTokens">Prompt tokens written to the cache: Anthropic's <c>cache_creation_input_tokens</c>.</param>
public sealed record UpstreamUsage(int PromptTokens, int CompletionTokens, int CachedTokens = 0, int ReasoningTokens = 0, int CacheWriteTokens = 0)
{
    /// <summary>The part of <see cref="CacheWriteTokens"/> written to the 1-hour cache: Anthropic's
    /// <c>cache_creation.ephemeral_1h_input_tokens</c> (no <c>cache_creation</c> object when unset).</summary>
    public int? CacheWrite1hTokens { get; init; }

    /// <summary>Anthropic's <c>server_tool_use.web_search_requests</c> (no <c>server_tool_use</c> object when unset).</summary>
    public int? WebSearchRequests { get; init; }

    /// <summary>The part of <see cref="PromptTokens"/> that is audio: OpenAI's <c>prompt_tokens_details.audio_tokens</c>
    /// (0 when unset), Gemini's <c>AUDIO</c> entry of <c>promptTokensDetails</c> (no details when unset).</summary>
    public int? AudioTokens { get; init; }

    /// <summary>The part of <see cref="CachedTokens"/> that is audio: Gemini's <c>AUDIO</c> entry of <c>cacheTokensDetails</c>.</summary>
    public int? CachedAudioTokens { get; init; }

    /// <summary><see cref="PromptTokens"/> plus <see cref="CompletionTokens"/>, as OpenAI reports <c>total_tokens</c>.</summary>
    public int TotalTokens => PromptTokens + CompletionTokens;
}
