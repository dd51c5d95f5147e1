using System.Globalization;
using Tollway.Chain.Chains;
using Tollway.Chain.Diagnostics;
using Tollway.Chain.Rpc;
using Tollway.Chain.Wallets;

namespace Tollway.Chain.Deposits;

/// <summary>
/// One chain's deposit scanning, one step at a time: check that the blocks it relied on are still the chain's (a hash
/// that changed is a reorg: everything from the fork up is rolled back and scanned again), scan the next bounded range
/// of blocks for token transfers to the treasury, record them pending with the cursor in one transaction, then credit
/// those that reached depth. Every step is safe to repeat: a failed step leaves the cursor where it was, and a range
/// scanned twice finds deposits already recorded. A transfer made by an EIP-3009 authorization (an x402 payment) is
/// recorded with its nonce, so that it is credited under the x402 gate's reference and the two paths credit it once.
/// Under spam it stays cheap: zero-value transfers and those below the chain's minimum deposit are not deposits, the log
/// filter never grows with the senders, and a range the node refuses as too large is asked again in halves.
/// </summary>
public sealed class DepositScanner(
    ChainSettings chain,
    IEthereumRpc rpc,
    IDepositStore store,
    IWalletStore wallets,
    DepositCrediting crediting,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>How many blocks below the cursor keep their hashes for reorg detection.</summary>
    public const int BlocksKept = 1024;

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(15);
    private readonly AdaptiveBlockRange _range = new(chain.MaxBlockRange);
    private DateTimeOffset _lastProgress = DateTimeOffset.MinValue;

    /// <summary>The chain scanned.</summary>
    public ChainSettings Chain => chain;

    /// <summary>The newest block the node reported at the last step, or <c>null</c> before one got that far.</summary>
    public long? Head { get; private set; }

    /// <summary>The first block not scanned yet after the last step, or <c>null</c> before one got that far.</summary>
    public long? NextBlock { get; private set; }

    /// <summary>Does one step; returns <see langword="true"/> when the scan has reached the head.</summary>
    public async Task<bool> ScanOnceAsync(CancellationToken cancellationToken)
    {
        var treasury = chain.Treasury ?? throw new InvalidOperationException($"Chain '{chain.Name}' has no treasury address to watch.");
        var head = await rpc.GetBlockNumberAsync(cancellationToken);
        Head = head;
        var cursor = await store.GetCursorAsync(chain.ChainId, cancellationToken);
        if (cursor is null)
        {
            cursor = chain.StartBlock ?? head;
            await store.SetCursorAsync(chain.ChainId, cursor.Value, timeProvider.GetUtcNow(), cancellationToken);
            Log.WatcherStarting(logger, chain.ChainId, cursor.Value, EthereumAddresses.ToChecksum(treasury));
        }

        NextBlock = cursor;

        if (await RollBackReorgAsync(cancellationToken))
        {
            return false;
        }

        var next = cursor.Value;
        if (next <= head)
        {
            next = await ScanRangeAsync(treasury, next, head, cancellationToken);
            NextBlock = next;
        }

        await ConfirmAsync(head, next, cancellationToken);
        return next > head;
    }

    private async Task<long> ScanRangeAsync(WalletAddress treasury, long from, long head, CancellationToken cancellationToken)
    {
        var (logs, to) = await rpc.GetLogsFromAsync(_range, from, head, (start, end) => TreasuryTransfers.Filter(chain, treasury, start, end), logger, cancellationToken);
        var last = await rpc.GetBlockAsync(to, cancellationToken)
            ?? throw new InvalidOperationException($"The node has no block {to} below its head {head}.");
        var newest = await store.ListBlocksAsync(chain.ChainId, 1, cancellationToken);
        var top = newest.Count > 0 ? newest[0] : null;
        if (top is not null && top.Number == to - 1 && last.ParentHash != top.Hash)
        {
            // The new block does not build on the last one scanned: the next step's reorg check finds the fork.
            return from;
        }

        // Zero-value and dust transfers are not deposits: no row, no receipt, no account lookup.
        var transfers = TreasuryTransfers.Read(chain, treasury, logs, logger).Where(t => t.IsDepositOn(chain)).ToList();
        var nonces = await Eip3009Transfers.FindNoncesAsync(rpc, transfers, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var deposits = new List<Deposit>();
        var blocks = new Dictionary<long, ScannedBlock> { [last.Number] = new(last.Number, last.Hash, last.ParentHash) };
        foreach (var transfer in transfers)
        {
            var log = transfer.Log;
            var deposit = new Deposit(
                chain.ChainId, log.TransactionHash, log.LogIndex, log.BlockNumber, log.BlockHash, transfer.Token.Address, transfer.From,
                transfer.Raw.ToString(CultureInfo.InvariantCulture), transfer.Amount.Nanos, transfer.Amount.Dust.ToString(CultureInfo.InvariantCulture),
                DepositStatus.Pending, await wallets.FindAccountAsync(transfer.From, cancellationToken), now, null,
                nonces.GetValueOrDefault((log.TransactionHash, log.LogIndex)));
            deposits.Add(deposit);
            blocks.TryAdd(log.BlockNumber, new ScannedBlock(log.BlockNumber, log.BlockHash, ""));
            Log.DepositSeen(logger, chain.ChainId, deposit.TransactionHash, deposit.LogIndex, deposit.BlockNumber);
        }

        await store.RecordScanAsync(chain.ChainId, deposits, [.. blocks.Values], to + 1, to - BlocksKept, now, cancellationToken);
        if (head - to > _range.Size && now - _lastProgress >= ProgressEvery)
        {
            _lastProgress = now;
            Log.CatchUpProgress(logger, chain.ChainId, to, head, head - to);
        }

        return to + 1;
    }

    /// <summary>
    /// Compares the newest scanned block with the chain: each block commits to its parent's hash, so when the newest
    /// still matches, every block below it (those holding pending deposits included) does too, and one RPC call per
    /// step suffices. On a mismatch, walks the stored hashes down to the newest block that still matches and rolls
    /// back everything above it; when none matches, from the oldest stored block or pending deposit down.
    /// </summary>
    private async Task<bool> RollBackReorgAsync(CancellationToken cancellationToken)
    {
        var newest = await store.ListBlocksAsync(chain.ChainId, 1, cancellationToken);
        if (newest.Count == 0 || (await rpc.GetBlockAsync(newest[0].Number, cancellationToken))?.Hash == newest[0].Hash)
        {
            return false;
        }

        var mismatch = newest[0].Number;
        var stored = await store.ListBlocksAsync(chain.ChainId, BlocksKept, cancellationToken);
        var pending = await store.ListPendingAsync(chain.ChainId, cancellationToken);
        var from = Math.Min(stored[^1].Number, pending.Count > 0 ? pending.Min(d => d.BlockNumber) : mismatch);
        foreach (var block in stored.Where(b => b.Number < mismatch))
        {
            if ((await rpc.GetBlockAsync(block.Number, cancellationToken))?.Hash == block.Hash)
            {
                from = block.Number + 1;
                break;
            }
        }

        var removed = await store.RollBackAsync(chain.ChainId, from, timeProvider.GetUtcNow(), cancellationToken);
        Log.ReorgRolledBack(logger, chain.ChainId, mismatch, from, removed.Count);
        return true;
    }

    private async Task ConfirmAsync(long head, long scannedTo, CancellationToken cancellationToken)
    {
        var pending = await store.ListPendingAsync(chain.ChainId, cancellationToken);
        if (pending.Count == 0)
        {
            return;
        }

        var confirmed = chain.Confirmation.Finalized
            ? (await rpc.GetBlockAsync(BlockTag.Finalized, cancellationToken))?.Number ?? -1
            : head - chain.Confirmation.Depth + 1;
        foreach (var deposit in pending.Where(d => d.BlockNumber <= confirmed && d.BlockNumber < scannedTo))
        {
            await crediting.ConfirmAsync(deposit, cancellationToken);
        }
    }
}
