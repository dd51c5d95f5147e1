namespace Tollway.Gateway.Upstream.Routing;

/// <summary>What an upstream answer means for the next step.</summary>
public enum UpstreamVerdict
{
    /// <summary>Relay it: a success, or the caller's own mistake (400, 404, 422…) that no other endpoint would fix.</summary>
    Relay,

    /// <summary>A passing failure (timeouts, 408, 429, 5xx, 529): try another endpoint, or this one again after a wait.</summary>
    Retry,

    /// <summary>The provider refused the gateway's key or quota (401, 402, 403): cool the endpoint down for longer and fail over.</summary>
    RetryElsewhereCoolDown,
}
