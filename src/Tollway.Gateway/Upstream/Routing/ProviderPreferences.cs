namespace Tollway.Gateway.Upstream.Routing;

/// <summary>
/// OpenRouter's per-request <c>provider</c> object: which providers (in which order), whether to fall back beyond them,
/// how to sort, price ceilings (USD per million tokens, in nano-USD), and data policy requirements.
/// </summary>
public sealed record ProviderPreferences
{
    /// <summary>Providers to try first, in this order.</summary>
    public IReadOnlyList<string> Order { get; init; } = [];

    /// <summary>Only these providers.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>Never these providers.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>False: only the providers of <see cref="Order"/> (or <see cref="Only"/>), nothing else even when they fail.</summary>
    public bool AllowFallbacks { get; init; } = true;

    /// <summary><c>price</c>, <c>latency</c> or <c>throughput</c>: replaces the model's strategy for this request.</summary>
    public string? Sort { get; init; }

    /// <summary>Highest prompt price accepted, nano-USD per million tokens.</summary>
    public long? MaxPromptPrice { get; init; }

    /// <summary>Highest completion price accepted, nano-USD per million tokens.</summary>
    public long? MaxCompletionPrice { get; init; }

    /// <summary><c>deny</c>: only endpoints that neither retain prompts nor train on them.</summary>
    public bool DenyDataCollection { get; init; }

    /// <summary>Only endpoints with zero data retention.</summary>
    public bool ZeroDataRetention { get; init; }

    /// <summary>Only endpoints declared to support every feature the request uses (tools, JSON schema).</summary>
    public bool RequireParameters { get; init; }

    /// <summary>No preferences.</summary>
    public static ProviderPreferences None { get; } = new();
}
