namespace Tollway.Gateway.Platform.Server;

/// <summary>Listening and request limits.</summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Server";

    /// <summary>Default listening URL: loopback only, so a first start exposes nothing.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Semicolon-separated URLs Kestrel binds (<c>http://0.0.0.0:8080</c> to listen on every interface).</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>The largest request body accepted, in bytes; larger bodies answer 413 without an upstream call.
    /// The default leaves room for a few base64 images.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The largest non-streamed answer the gateway reads from a provider, in bytes: it is held whole to read its
    /// usage (and translated when the provider speaks another API), so a provider or a hostile upstream URL answering
    /// gigabytes must not be buffered. A larger answer is a 502 <c>upstream_response_too_large</c>. The default holds the
    /// largest embedding batch a provider sends (2,048 vectors of 3,072 floats as JSON text is about 90 MB).</summary>
    public long MaxUpstreamResponseBytes { get; set; } = 128 * 1024 * 1024;

    /// <summary>The slowest a request body may arrive, in bytes per second averaged over the read (Kestrel's minimum request
    /// body data rate): a client that dribbles its body holds a connection and a growing buffer, and past this it gets
    /// 408 and the connection is closed. Far below any real connection, and above Kestrel's own 240.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 4096;

    /// <summary>How long a body may start slowly before <see cref="MinRequestBodyBytesPerSecond"/> is enforced
    /// (more than a second: Kestrel checks once a second).</summary>
    public TimeSpan MinRequestBodyRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a client may take to send a request's headers; then the connection is closed. Kestrel's own
    /// default is 30 s, which lets a few thousand slow clients hold every connection slot.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Model requests (all keys together) this node serves at once; the next one answers 503 with
    /// <c>Retry-After</c> and goes nowhere. Unset: derived from the open-file limit (see
    /// <see cref="Pipeline.Overload.ServerLimits"/>), at most 8,192.</summary>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>Client connections Kestrel keeps open at once; a connection over it is closed unanswered. Unset: twice
    /// the request limit, so that clients over the request limit still get a 503 rather than a closed socket.</summary>
    public int? MaxConnections { get; set; }
}
