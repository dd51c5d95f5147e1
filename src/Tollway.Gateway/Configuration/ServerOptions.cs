namespace Tollway.Gateway.Configuration;

/// <summary>Listening and request limits.</summary>
public sealed class ServerOptions
{
    /// <summary>Default listening URL: loopback only, so a first start exposes nothing.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Semicolon-separated URLs Kestrel binds (<c>http://0.0.0.0:8080</c> to listen on every interface).</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>The largest request body accepted, in bytes; larger bodies answer 413 without an upstream call.
    /// The default leaves room for a few base64 images.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Model requests (all keys together) this node serves at once; the next one answers 503 with
    /// <c>Retry-After</c> and goes nowhere. Unset: derived from the open-file limit (see
    /// <see cref="Overload.ServerLimits"/>), at most 8,192.</summary>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>Client connections Kestrel keeps open at once; a connection over it is closed unanswered. Unset: twice
    /// the request limit, so that clients over the request limit still get a 503 rather than a closed socket.</summary>
    public int? MaxConnections { get; set; }
}
