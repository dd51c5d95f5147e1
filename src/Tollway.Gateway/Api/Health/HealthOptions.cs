namespace Tollway.Gateway.Api.Health;

/// <summary>What readiness (<c>/readyz</c>) holds the node to. See <c>docs/observability.md</c>.</summary>
public sealed class HealthOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Health";

    /// <summary>How long the oldest charge not yet durable may have waited before the node reports itself not ready.
    /// A group commit normally takes milliseconds; charges waiting this long mean the database is not taking them, and
    /// the node should leave the load balancer before its leases expire and it refuses every request anyway.</summary>
    public TimeSpan MaxChargeWait { get; set; } = TimeSpan.FromSeconds(10);
}
