namespace Tollway.Gateway.Upstream.Routing;

/// <summary>Retries, failover and circuit breaking across a model's endpoints.</summary>
public sealed class RoutingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Routing";

    /// <summary>The models the model id <c>auto</c> chooses from: the cheapest one that can serve the request (tools, JSON
    /// schema, context length) answers, the others are its fallbacks. Empty: <c>auto</c> is not offered.</summary>
    public List<string> AutoModels { get; set; } = [];

    /// <summary>Most endpoints tried for one request.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>After this long without a first byte from any endpoint, no further attempt is started.</summary>
    public TimeSpan TotalDeadline { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>First wait between attempts; doubled each time, with jitter.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest wait between attempts, a provider's <c>Retry-After</c> included.</summary>
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Failure rate (percent) over the window that opens an endpoint's circuit.</summary>
    public int BreakerFailurePercent { get; set; } = 50;

    /// <summary>Outcomes needed in the window before the rate counts.</summary>
    public int BreakerMinimumRequests { get; set; } = 5;

    /// <summary>The sliding window outcomes are counted over.</summary>
    public TimeSpan BreakerWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit waits before one probe request is let through.</summary>
    public TimeSpan BreakerCoolDown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longer wait after a provider refused the gateway's key or its quota ran out (401/402/403).</summary>
    public TimeSpan QuotaCoolDown { get; set; } = TimeSpan.FromMinutes(5);
}
