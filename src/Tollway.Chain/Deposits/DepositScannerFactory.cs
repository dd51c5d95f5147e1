using Tollway.Chain.Chains;
using Tollway.Chain.Rpc;
using Tollway.Chain.Wallets;

namespace Tollway.Chain.Deposits;

/// <summary>Makes the scanner of a chain over the shared stores and the chain's RPC connection.</summary>
public sealed class DepositScannerFactory(
    IEthereumRpcFactory rpcs, IDepositStore store, IWalletStore wallets, DepositCrediting crediting, TimeProvider timeProvider, ILoggerFactory loggers)
{
    /// <summary>A scanner for the chain.</summary>
    public DepositScanner Create(ChainSettings chain) =>
        new(chain, rpcs.ForChain(chain), store, wallets, crediting, timeProvider, loggers.CreateLogger("Tollway.Chain.Deposits"));
}
