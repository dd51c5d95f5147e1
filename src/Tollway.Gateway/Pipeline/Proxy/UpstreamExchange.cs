namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// One request to a provider: the response (or why there is none), its timing, and the cancellation that bounds it
/// for as long as its body is read. Disposing it releases the connection back to the pool.
/// </summary>
/// <remarks>
/// One token source with one timer bounds the whole exchange (<see cref="UpstreamForwarder"/>): armed for the first
/// byte, then moved to the total deadline once the headers are in, and cancelled by the client's abort through a
/// registration until the request has gone out (<see cref="UpstreamRequestContent"/>). A timer and a linked source per deadline, as before, were two of each per request (bench/NOTES.md).
/// </remarks>
internal sealed class UpstreamExchange(CancellationTokenSource cancellation, CancellationTokenRegistration clientAbort, UpstreamRequestContent content)
    : IDisposable
{
    public HttpResponseMessage? Response { get; init; }

    public ForwarderError Error { get; init; }

    /// <summary>The provider key the request carried, so a refusal or rate limit rests that key only.</summary>
    public Upstream.Providers.ProviderCredential? Credential { get; init; }

    /// <summary>When the request was sent (timestamp ticks).</summary>
    public long Started { get; init; }

    /// <summary>Time from sending the request until the response headers (or the failure).</summary>
    public TimeSpan HeadersElapsed { get; init; }

    /// <summary>Cancelled when the total timeout passes (and, until the request went out, when the client aborts).</summary>
    public CancellationToken Token => cancellation.Token;

    /// <summary>Whether the total timeout is what cancelled <see cref="Token"/>: once there is a response only the timer
    /// can (a client that left withdrew the request before it went out, or not at all).</summary>
    public bool TotalTimeoutExpired => cancellation.IsCancellationRequested && !content.WasWithdrawn;

    public void Dispose()
    {
        Response?.Dispose();
        clientAbort.Dispose();
        cancellation.Dispose();
    }
}
