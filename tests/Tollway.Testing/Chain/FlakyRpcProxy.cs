using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Chain;

/// <summary>
/// A JSON-RPC proxy in front of an anvil node that fails every other request, alternating the ways real providers
/// fail: HTTP 503, HTTP 429, and a connection dropped without an answer. What the watcher sees through it is the
/// worst of a public RPC endpoint.
/// </summary>
public sealed class FlakyRpcProxy : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly HttpClient _http = new();
    private readonly Uri _target;
    private long _requests;
    private long _failed;

    private FlakyRpcProxy(Uri target)
    {
        _target = target;
    }

    /// <summary>The proxy's URL.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Requests received.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests that were failed on purpose.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Starts a proxy on a free loopback port.</summary>
    public static async Task<FlakyRpcProxy> StartAsync(Uri target, CancellationToken cancellationToken = default)
    {
        var proxy = new FlakyRpcProxy(target);
        (proxy._app, proxy.Url) = await LoopbackServer.StartAsync(proxy.HandleAsync, cancellationToken);
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _requests);
        if (number % 2 == 1)
        {
            Interlocked.Increment(ref _failed);
            switch (number / 2 % 3)
            {
                case 0:
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    return;
                case 1:
                    context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    return;
                default:
                    context.Abort();
                    return;
            }
        }

        using var body = new StreamContent(context.Request.Body);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(_target, body, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = "application/json";
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>Stops the proxy.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _http.Dispose();
    }
}
