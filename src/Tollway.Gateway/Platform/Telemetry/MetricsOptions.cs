namespace Tollway.Gateway.Platform.Telemetry;

/// <summary>The Prometheus scrape endpoint: where it answers and who may read it. Loopback may always read it; anyone
/// else needs an address in <see cref="AllowedNetworks"/> or the <see cref="BearerToken"/>.</summary>
public sealed class MetricsOptions
{
    /// <summary>The scrape path.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>Semicolon-separated URLs of a separate listener for the scrape (and the health probes), e.g.
    /// <c>http://0.0.0.0:9464</c>; then <see cref="Path"/> answers only there and that listener serves nothing else.
    /// Unset: the scrape answers on the main port.</summary>
    public string? Urls { get; set; }

    /// <summary>Networks (CIDR, <c>10.0.0.0/8</c>, <c>fd00::/8</c>) whose addresses may scrape without a token: the
    /// monitoring's own. As seen by the gateway: behind a load balancer, that is the balancer's address.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>A token that lets any address scrape with <c>Authorization: Bearer …</c>; at least 16 characters. Best
    /// given as <c>TOLLWAY_Telemetry__Metrics__BearerToken</c> rather than in the file.</summary>
    public string? BearerToken { get; set; }
}
