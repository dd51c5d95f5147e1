namespace Tollway.Gateway.Upstream.Providers;

/// <summary>Timeouts for one provider, written as <c>hh:mm:ss(.fff)</c>.</summary>
public sealed class TimeoutOptions
{
    /// <summary>TCP and TLS connection establishment.</summary>
    public TimeSpan Connect { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>From sending the request to the response headers (for a stream, the start of the stream).</summary>
    public TimeSpan FirstByte { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The whole exchange, a stream included.</summary>
    public TimeSpan Total { get; set; } = TimeSpan.FromMinutes(10);
}
