namespace Tollway.Gateway.Configuration;

/// <summary>
/// Prices in USD per million tokens (the per-request fee in USD per request). Kept as text so that no binary
/// floating point ever touches money: <see cref="Money.UsdAmount"/> parses them exactly into nano-USD.
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
}
