namespace Tollway.Gateway.Upstream.Routing;

/// <summary>An endpoint's health as the admin API shows it.</summary>
public sealed record EndpointHealthSnapshot(
    string Endpoint,
    BreakerState State,
    double? LatencyMs,
    double? TokensPerSecond,
    int RequestsInWindow,
    int FailuresInWindow,
    string? LastError,
    DateTimeOffset? LastErrorAt);
