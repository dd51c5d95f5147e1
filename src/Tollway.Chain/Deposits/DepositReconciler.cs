using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Tollway.Chain.Chains;
using Tollway.Chain.Rpc;

namespace Tollway.Chain.Deposits;

/// <summary>
/// Reads the treasury's token transfers between two blocks straight from the chain (the range the watcher considers
/// final, at depth) and compares them one by one with the deposits recorded as credited or unclaimed: what the chain
/// has and Tollway does not, what Tollway has and the chain does not, and what both have differently. An x402 payment
/// is a deposit like any other here, recorded under the x402 reference its EIP-3009 authorization gives it. Transfers
/// of nothing or below the chain's minimum deposit are not deposits and are not reported missing.
/// </summary>
public sealed class DepositReconciler(IEthereumRpcFactory rpcs, IDepositStore store)
{
    /// <summary>Compares from <paramref name="fromBlock"/> (default: the chain's start block, else 0) to the newest block at depth.</summary>
    public async Task<DepositReconciliation> ReconcileAsync(ChainSettings chain, long? fromBlock, CancellationToken cancellationToken)
    {
        var treasury = chain.Treasury ?? throw new InvalidOperationException($"Chain '{chain.Name}' has no treasury address.");
        var rpc = rpcs.ForChain(chain);
        var head = await rpc.GetBlockNumberAsync(cancellationToken);
        var to = chain.Confirmation.Finalized
            ? (await rpc.GetBlockAsync(BlockTag.Finalized, cancellationToken))?.Number ?? -1
            : head - chain.Confirmation.Depth + 1;
        var from = fromBlock ?? chain.StartBlock ?? 0;

        var onChain = new Dictionary<(string, int), (TreasuryTransfer Transfer, string? Nonce)>();
        var range = new AdaptiveBlockRange(chain.MaxBlockRange);
        for (var start = from; start <= to;)
        {
            var (logs, end) = await rpc.GetLogsFromAsync(range, start, to, (a, b) => TreasuryTransfers.Filter(chain, treasury, a, b), NullLogger.Instance, cancellationToken);
            var transfers = TreasuryTransfers.Read(chain, treasury, logs, NullLogger.Instance);
            var nonces = await Eip3009Transfers.FindNoncesAsync(rpc, transfers.Where(t => t.IsDepositOn(chain)), cancellationToken);
            foreach (var transfer in transfers)
            {
                var key = (transfer.Log.TransactionHash, transfer.Log.LogIndex);
                onChain[key] = (transfer, nonces.GetValueOrDefault(key));
            }

            start = end + 1;
        }

        var recorded = to < from ? [] : await store.ListConfirmedAsync(chain.ChainId, from, to, cancellationToken);
        var differences = new List<ReconciliationDifference>();
        var recordedKeys = new HashSet<(string, int)>();
        foreach (var deposit in recorded)
        {
            recordedKeys.Add((deposit.TransactionHash, deposit.LogIndex));
            if (!onChain.TryGetValue((deposit.TransactionHash, deposit.LogIndex), out var transfer))
            {
                differences.Add(new("not-on-chain", deposit.TransactionHash, deposit.LogIndex, deposit.BlockNumber,
                    $"recorded {deposit.Status.ToString().ToLowerInvariant()} for {deposit.RawAmount} units from {deposit.Sender}, but the chain has no such transfer"));
            }
            else if (Raw(transfer.Transfer) != deposit.RawAmount || transfer.Transfer.From != deposit.Sender || transfer.Transfer.Log.Address != deposit.Token)
            {
                differences.Add(new("mismatch", deposit.TransactionHash, deposit.LogIndex, deposit.BlockNumber,
                    $"chain: {Raw(transfer.Transfer)} of {transfer.Transfer.Log.Address} from {transfer.Transfer.From}; recorded: {deposit.RawAmount} of {deposit.Token} from {deposit.Sender}"));
            }
            else if (transfer.Transfer.IsDepositOn(chain) && transfer.Nonce != deposit.AuthorizationNonce)
            {
                // Credited under the other reference than the x402 gate's (or the other way round): the payment may be credited twice.
                differences.Add(new("mismatch", deposit.TransactionHash, deposit.LogIndex, deposit.BlockNumber,
                    $"chain: {(transfer.Nonce is null ? "a plain transfer" : $"EIP-3009 authorization {transfer.Nonce}")}; recorded: credited under {deposit.Reference}"));
            }
        }

        // Transfers below the minimum deposit (and of nothing) are not deposits: never missing, never counted.
        var deposits = onChain.Where(t => t.Value.Transfer.IsDepositOn(chain)).ToList();
        var pending = (await store.ListPendingAsync(chain.ChainId, cancellationToken)).ToDictionary(d => (d.TransactionHash, d.LogIndex));
        foreach (var (key, (transfer, _)) in deposits.Where(t => !recordedKeys.Contains(t.Key)).OrderBy(t => t.Value.Transfer.Log.BlockNumber))
        {
            var late = pending.ContainsKey(key);
            differences.Add(new(late ? "late" : "missing", key.Item1, key.Item2, transfer.Log.BlockNumber,
                late ? $"{Raw(transfer)} units from {transfer.From} at depth but still pending (the watcher is behind)"
                     : $"{Raw(transfer)} units from {transfer.From} on chain, not credited"));
        }

        return new DepositReconciliation(chain.ChainId, from, to, deposits.Count, recorded.Count,
            deposits.Sum(t => t.Value.Transfer.Amount.Nanos), recorded.Sum(d => d.Amount), differences);
    }

    private static string Raw(TreasuryTransfer transfer) => transfer.Raw.ToString(CultureInfo.InvariantCulture);
}
