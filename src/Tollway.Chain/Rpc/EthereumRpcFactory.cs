using System.Collections.Concurrent;
using Tollway.Chain.Chains;

namespace Tollway.Chain.Rpc;

/// <summary>One <see cref="FailoverRpcClient"/> per chain over one pooled HTTP client.</summary>
internal sealed class EthereumRpcFactory(TimeProvider timeProvider, ILoggerFactory loggers, RpcRetryPolicy policy) : IEthereumRpcFactory, IDisposable
{
    private readonly ConcurrentDictionary<long, IEthereumRpc> _clients = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        // Each attempt has its own timeout (RpcRetryPolicy.RequestTimeout) on the injected clock.
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public IEthereumRpc ForChain(ChainSettings chain) =>
        _clients.GetOrAdd(chain.ChainId, _ => new FailoverRpcClient(
            _http, chain.ChainId, chain.RpcUrls, policy, timeProvider, loggers.CreateLogger("Tollway.Chain.Rpc")));

    public void Dispose() => _http.Dispose();
}
