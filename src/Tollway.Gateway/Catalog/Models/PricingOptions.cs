
namespace Tollway.Gateway.Catalog.Models;

/// <summary>
/// Prices in USD per million tokens (the per-request fee in USD per request). Kept as text so that no binary
/// floating point ever touches money: <see cref="Tollway.Gateway.Wire.UsdAmount"/> parses them exactly into nano-USD.
/// </summary>
public sealed class PricingOptions
{
    /// <summary>Prompt tokens.</summary>
    public string? Input { get; set; }

    /// <summary>Prompt tokens read from the provider's cache.</summary>
    public string? CachedInput { get; set; }

    /// <summary>Prompt tokens written to the provider's cache.</summary>
    public string? CacheWrite { get; set; }

    /// <summary>Output tokens.</summary>
    public string? Output { get; set; }

    /// <summary>Reasoning tokens where priced apart from output.</summary>
    public string? Reasoning { get; set; }

    /// <summary>A flat fee per request, in USD.</summary>
    public string? Request { get; set; }

    /// <summary>Prompt tokens written to a cache kept for an hour (Anthropic's <c>ttl: "1h"</c>). Without it, a request
    /// that asks for such writes is not served by the endpoint.</summary>
    public string? CacheWrite1h { get; set; }

    /// <summary>Web searches the provider runs for a request, in USD per 1,000 searches (per 1,000 results for
    /// OpenRouter's web plugin and <c>:online</c> models). Without it, a request that asks for searches (the
    /// <c>web_search</c> server tool, <c>web_search_options</c>, the web plugin) is not served by the endpoint, and
    /// neither is any request to an endpoint that searches on every request (Perplexity, OpenAI's search models,
    /// OpenRouter's <c>:online</c> models).</summary>
    public string? WebSearch { get; set; }

    /// <summary>Prompt tokens of audio, in USD per million (a video's sound track included, as Gemini bills it).
    /// Without it, a request that carries audio or video, or media by URL to a Gemini provider, is not served by the
    /// endpoint.</summary>
    public string? InputAudio { get; set; }

    /// <summary>Prompt tokens on the priority service tier (<c>service_tier: "priority"</c>); with
    /// <see cref="PriorityOutput"/>. Without them, a request for that tier is not served by the endpoint.</summary>
    public string? PriorityInput { get; set; }

    /// <summary>Cached prompt tokens on the priority service tier (else <see cref="PriorityInput"/>).</summary>
    public string? PriorityCachedInput { get; set; }

    /// <summary>Output tokens on the priority service tier.</summary>
    public string? PriorityOutput { get; set; }
}
