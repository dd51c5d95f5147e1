using Tollway.Chain.Chains;

namespace Tollway.Chain.Rpc;

/// <summary>Makes the JSON-RPC connection of a chain (one per chain, shared by the watcher, sign-in and payments).</summary>
public interface IEthereumRpcFactory
{
    /// <summary>The connection to the chain, made on first use and then reused.</summary>
    IEthereumRpc ForChain(ChainSettings chain);
}
