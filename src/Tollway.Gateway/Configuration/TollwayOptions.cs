namespace Tollway.Gateway.Configuration;

/// <summary>
/// The whole of Tollway's configuration, as read from the JSON file and the <c>TOLLWAY_</c> environment overrides.
/// Bound once at start, validated by <see cref="TollwayOptionsValidator"/>, then compiled into the immutable
/// provider registry and model catalog that the request path reads.
/// </summary>
public sealed class TollwayOptions
{
    /// <summary>Where Kestrel listens and how large a request may be.</summary>
    public ServerOptions Server { get; set; } = new();

    /// <summary>Where state lives.</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Upstream providers by the name the operator gives them.</summary>
    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Public model names and the provider endpoints that serve them.</summary>
    public Dictionary<string, ModelOptions> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether providers bring their shipped models, and which to leave out.</summary>
    public CatalogOptions Catalog { get; set; } = new();

    /// <summary>Retries, failover and circuit breakers.</summary>
    public RoutingOptions Routing { get; set; } = new();

    /// <summary>Markup, worst-case estimates and balance leasing.</summary>
    public BillingOptions Billing { get; set; } = new();

    /// <summary>How request metadata is written.</summary>
    public RequestLogOptions RequestLog { get; set; } = new();

    /// <summary>EVM chains that stablecoins are accepted on, by the operator's name for each (<c>base</c>, <c>local</c>).</summary>
    public Dictionary<string, ChainOptions> Chains { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Wallet sign-in and account API sessions.</summary>
    public SignInOptions SignIn { get; set; } = new();

    /// <summary>Pay-per-request over HTTP 402 for callers without a key.</summary>
    public X402Options X402 { get; set; } = new();
}
