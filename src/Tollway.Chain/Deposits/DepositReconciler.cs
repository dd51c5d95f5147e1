using System.Globalization;
using Tollway.Chain.Chains;
using Tollway.Chain.Money;
using Tollway.Chain.Rpc;
using Tollway.Gateway.Deposits;

namespace Tollway.Chain.Deposits;

/// <summary>
/// Reads the treasury's token transfers between two blocks straight from the chain (the range the watcher considers
/// final, at depth) and compares them one by one with the deposits recorded as credited or unclaimed: what the chain
/// has and Tollway does not, what Tollway has and the chain does not, and what both have differently. An x402 payment
/// is a deposit like any other here, recorded under the x402 reference its EIP-3009 authorization gives it.
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

        var onChain = new Dictionary<(string, int), (RpcLog Log, string Sender, string Raw, long Nanos, string? Nonce)>();
        for (var start = from; start <= to; start += chain.MaxBlockRange)
        {
            var end = Math.Min(to, start + chain.MaxBlockRange - 1);
            var logs = await rpc.GetLogsAsync(
                new LogFilter(start, end, [.. chain.Tokens.Select(t => t.Address)], [[Erc20Transfers.Topic], null, [Erc20Transfers.AddressTopic(treasury)]]),
                cancellationToken);
            var nonces = await Eip3009Transfers.FindNoncesAsync(rpc, logs, cancellationToken);
            foreach (var log in logs.Where(l => !l.Removed))
            {
                if (chain.FindToken(log.Address) is { } token && Erc20Transfers.TryRead(log, out var sender, out var recipient, out var raw) && recipient == treasury)
                {
                    onChain[(log.TransactionHash, log.LogIndex)] = (log, sender.Value, raw.ToString(CultureInfo.InvariantCulture), TokenAmount.FromBaseUnits(raw, token.Decimals).Nanos,
                        nonces.GetValueOrDefault((log.TransactionHash, log.LogIndex)));
                }
            }
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
            else if (transfer.Raw != deposit.RawAmount || transfer.Sender != deposit.Sender.Value || transfer.Log.Address != deposit.Token)
            {
                differences.Add(new("mismatch", deposit.TransactionHash, deposit.LogIndex, deposit.BlockNumber,
                    $"chain: {transfer.Raw} of {transfer.Log.Address} from {transfer.Sender}; recorded: {deposit.RawAmount} of {deposit.Token} from {deposit.Sender}"));
            }
            else if (transfer.Nonce != deposit.AuthorizationNonce)
            {
                // Credited under the other reference than the x402 gate's (or the other way round): the payment may be credited twice.
                differences.Add(new("mismatch", deposit.TransactionHash, deposit.LogIndex, deposit.BlockNumber,
                    $"chain: {(transfer.Nonce is null ? "a plain transfer" : $"EIP-3009 authorization {transfer.Nonce}")}; recorded: credited under {deposit.Reference}"));
            }
        }

        var pending = (await store.ListPendingAsync(chain.ChainId, cancellationToken)).ToDictionary(d => (d.TransactionHash, d.LogIndex));
        foreach (var (key, transfer) in onChain.Where(t => !recordedKeys.Contains(t.Key)).OrderBy(t => t.Value.Log.BlockNumber))
        {
            var late = pending.ContainsKey(key);
            differences.Add(new(late ? "late" : "missing", key.Item1, key.Item2, transfer.Log.BlockNumber,
                late ? $"{transfer.Raw} units from {transfer.Sender} at depth but still pending (the watcher is behind)"
                     : $"{transfer.Raw} units from {transfer.Sender} on chain, not credited"));
        }

        return new DepositReconciliation(chain.ChainId, from, to, onChain.Count, recorded.Count,
            onChain.Values.Sum(t => t.Nanos), recorded.Sum(d => d.Amount), differences);
    }
}
