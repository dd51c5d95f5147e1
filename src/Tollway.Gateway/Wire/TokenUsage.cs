namespace Tollway.Gateway.Wire;

/// <summary>Token counts as an upstream reported them.</summary>
/// <remarks>Prompt tokens include cached and cache-write tokens, and audio tokens; completion tokens include reasoning
/// tokens. The 1-hour cache writes (part of the cache writes), the web searches and the audio tokens are
/// <see langword="null"/> when the report does not itemize them.</remarks>
public readonly record struct TokenUsage(
    int PromptTokens,
    int CompletionTokens,
    int CachedTokens,
    int ReasoningTokens,
    int CacheWriteTokens = 0,
    int? CacheWrite1hTokens = null,
    int? WebSearches = null)
{
    /// <summary>Prompt tokens of audio (OpenAI's <c>prompt_tokens_details.audio_tokens</c>, Gemini's <c>AUDIO</c>
    /// modality), cached or not.</summary>
    public int? AudioTokens { get; init; }

    /// <summary>Of <see cref="CachedTokens"/>, those of audio (Gemini's <c>cacheTokensDetails</c>).</summary>
    public int? CachedAudioTokens { get; init; }

    /// <summary>Prompt plus completion.</summary>
    public int TotalTokens => Sum(PromptTokens, CompletionTokens);

    /// <summary>
    /// Adds counts a provider reported in parts (Anthropic's input and cache tokens, Gemini's candidates and thoughts),
    /// stopping at <see cref="int.MaxValue"/> rather than wrapping negative: a report that large costs more than any
    /// hold, so its charge is capped at the hold, never turned into a small or negative one.
    /// </summary>
    public static int Sum(int first, int second) => (int)Math.Min((long)Math.Max(first, 0) + Math.Max(second, 0), int.MaxValue);
}
