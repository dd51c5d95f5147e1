namespace Tollway.Gateway.Catalog.Models;

/// <summary>
/// List prices of one endpoint in nano-USD per million tokens (the request fee in nano-USD per request). A
/// <see langword="null"/> rate means "not priced apart": cached input falls back to input, reasoning to output. A
/// <see langword="null"/> feature price (1-hour cache writes, web searches, audio input, the priority tier) means the
/// endpoint has no price for the feature, and a request that asks for it is not served there.
/// </summary>
public sealed record ModelPricing(
    long InputPerMillion,
    long OutputPerMillion,
    long? CachedInputPerMillion = null,
    long? CacheWritePerMillion = null,
    long? ReasoningPerMillion = null,
    long RequestFee = 0)
{
    /// <summary>Free: local models and tests.</summary>
    public static ModelPricing Free { get; } = new(0, 0);

    /// <summary>Prompt tokens written to a cache kept for an hour (Anthropic's <c>cache_control.ttl</c> <c>"1h"</c>),
    /// which the provider bills above the 5-minute writes of <see cref="CacheWritePerMillion"/>.</summary>
    public long? CacheWrite1hPerMillion { get; init; }

    /// <summary>Web searches the provider runs for a request (Anthropic's <c>web_search</c> server tool, a chat
    /// completion's <c>web_search_options</c>, a search model's or Perplexity's search of every request, OpenRouter's
    /// web plugin — whose price is per result), in nano-USD per 1,000 searches.</summary>
    public long? WebSearchPerThousand { get; init; }

    /// <summary>Prompt tokens of audio (Gemini's and OpenAI's audio models bill them above text; Gemini bills a video's
    /// sound track as audio), in nano-USD per million.</summary>
    public long? InputAudioPerMillion { get; init; }

    /// <summary>The rates of the priority service tier (OpenAI's <c>service_tier: "priority"</c>).</summary>
    public ModelPricing? Priority { get; init; }
}
