namespace Tollway.Gateway.Upstream.Routing;

/// <summary>An endpoint's circuit.</summary>
public enum BreakerState
{
    /// <summary>Healthy: requests go through.</summary>
    Closed,

    /// <summary>Failing: requests go elsewhere until the cool-down passes.</summary>
    Open,

    /// <summary>Cool-down passed: one probe request decides whether it closes or opens again.</summary>
    HalfOpen,
}
