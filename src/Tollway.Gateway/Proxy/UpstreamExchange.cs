namespace Tollway.Gateway.Proxy;

/// <summary>
/// One request to a provider: the response (or why there is none), its timing, and the cancellation that bounds it
/// for as long as its body is read. Disposing it releases the connection back to the pool.
/// </summary>
internal sealed class UpstreamExchange(CancellationTokenSource totalTimeout, CancellationTokenSource linked) : IDisposable
{
    public HttpResponseMessage? Response { get; init; }

    public ForwarderError Error { get; init; }

    /// <summary>The provider key the request carried, so a refusal or rate limit rests that key only.</summary>
    public Providers.ProviderCredential? Credential { get; init; }

    /// <summary>When the request was sent (timestamp ticks).</summary>
    public long Started { get; init; }

    /// <summary>Time from sending the request until the response headers (or the failure).</summary>
    public TimeSpan HeadersElapsed { get; init; }

    /// <summary>Cancelled when the client aborts or the total timeout passes.</summary>
    public CancellationToken Token => linked.Token;

    /// <summary>Whether the total timeout is what cancelled <see cref="Token"/>.</summary>
    public bool TotalTimeoutExpired => totalTimeout.IsCancellationRequested;

    public void Dispose()
    {
        Response?.Dispose();
        linked.Dispose();
        totalTimeout.Dispose();
    }
}
