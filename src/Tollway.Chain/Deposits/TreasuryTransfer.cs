using System.Numerics;
using Tollway.Chain.Chains;
using Tollway.Chain.Money;
using Tollway.Chain.Rpc;
using Tollway.Chain.Wallets;

namespace Tollway.Chain.Deposits;

/// <summary>A token transfer to the treasury, read from its log: who sent how much of which configured token.</summary>
/// <param name="Log">The <c>Transfer</c> log.</param>
/// <param name="Token">The configured token it moved.</param>
/// <param name="From">The sender.</param>
/// <param name="Raw">The amount in the token's base units.</param>
/// <param name="Amount">The amount in nano-USD (and the dust below one).</param>
public sealed record TreasuryTransfer(RpcLog Log, ChainToken Token, WalletAddress From, BigInteger Raw, TokenAmount Amount)
{
    /// <summary>Whether it counts as a deposit on <paramref name="chain"/>: not zero, and at least the chain's minimum.
    /// Anything less is never recorded or credited, so dust spam costs the watcher no row and no RPC call.</summary>
    public bool IsDepositOn(ChainSettings chain) => !Raw.IsZero && Amount.Nanos >= chain.MinDeposit;
}
