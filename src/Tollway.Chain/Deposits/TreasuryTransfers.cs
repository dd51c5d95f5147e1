using Tollway.Chain.Chains;
using Tollway.Chain.Diagnostics;
using Tollway.Chain.Money;
using Tollway.Chain.Rpc;
using Tollway.Chain.Wallets;

namespace Tollway.Chain.Deposits;

/// <summary>
/// The one log query the watcher and the reconciler make for deposits, and how its answer is read. Its filter is the
/// same whatever the number of senders: the chain's tokens, the <c>Transfer</c> topic and the treasury as recipient.
/// </summary>
public static class TreasuryTransfers
{
    /// <summary>The token transfers to <paramref name="treasury"/> in an inclusive block range.</summary>
    public static LogFilter Filter(ChainSettings chain, WalletAddress treasury, long fromBlock, long toBlock) =>
        new(fromBlock, toBlock, [.. chain.Tokens.Select(t => t.Address)], [[Erc20Transfers.Topic], null, [Erc20Transfers.AddressTopic(treasury)]]);

    /// <summary>The transfers of configured tokens to <paramref name="treasury"/> among <paramref name="logs"/> (logs a
    /// reorg removed left out); an amount past nine billion dollars cannot be credited and is logged and skipped.</summary>
    public static List<TreasuryTransfer> Read(ChainSettings chain, WalletAddress treasury, IEnumerable<RpcLog> logs, ILogger logger)
    {
        var transfers = new List<TreasuryTransfer>();
        foreach (var log in logs.Where(l => !l.Removed))
        {
            if (chain.FindToken(log.Address) is not { } token || !Erc20Transfers.TryRead(log, out var from, out var to, out var raw) || to != treasury)
            {
                continue;
            }

            try
            {
                transfers.Add(new TreasuryTransfer(log, token, from, raw, TokenAmount.FromBaseUnits(raw, token.Decimals)));
            }
            catch (OverflowException error)
            {
                Log.TransferUnreadable(logger, chain.ChainId, log.TransactionHash, log.LogIndex, error.Message);
            }
        }

        return transfers;
    }
}
