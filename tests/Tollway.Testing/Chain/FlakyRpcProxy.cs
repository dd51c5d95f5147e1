namespace Tollway.Testing.Chain;

/// <summary>
/// A JSON-RPC proxy in front of an anvil node that fails every other request, alternating the ways real providers
/// fail: HTTP 503, HTTP 429, and a connection dropped without an answer. What the watcher sees through it is the
/// worst of a public RPC endpoint.
/// </summary>
public sealed class FlakyRpcProxy : IAsyncDisposable
{
    private static readonly RpcFault[] Faults = [RpcFault.ServiceUnavailable, RpcFault.TooManyRequests, RpcFault.Dropped];

    private readonly RpcStub _stub;

    private FlakyRpcProxy(RpcStub stub)
    {
        _stub = stub;
        _stub.Fault = call => call.Number % 2 == 1 ? Faults[call.Number / 2 % 3] : null;
    }

    /// <summary>The proxy's URL.</summary>
    public Uri Url => _stub.Url;

    /// <summary>Requests received.</summary>
    public long Requests => _stub.Calls.Count;

    /// <summary>Requests that were failed on purpose.</summary>
    public long Failed => _stub.Faults;

    /// <summary>Starts a proxy on a free loopback port.</summary>
    public static async Task<FlakyRpcProxy> StartAsync(Uri target, CancellationToken cancellationToken = default) =>
        new(await RpcStub.StartAsync(target, cancellationToken));

    /// <summary>Stops the proxy.</summary>
    public ValueTask DisposeAsync() => _stub.DisposeAsync();
}
