using Tollway.Chain.Wallets;

namespace Tollway.Chain.Deposits;

/// <summary>
/// The deposit watcher's state per chain: its cursor, recent block hashes, and the deposits it saw. Each write is one
/// transaction, so a watcher that dies mid-way resumes from a consistent cursor.
/// </summary>
public interface IDepositStore
{
    /// <summary>The next block to scan, or <see langword="null"/> before the first scan.</summary>
    Task<long?> GetCursorAsync(long chainId, CancellationToken cancellationToken);

    /// <summary>Moves the cursor (a first start, or an operator's re-scan; re-scanning credits nothing twice).</summary>
    Task SetCursorAsync(long chainId, long nextBlock, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records a scanned range in one transaction: deposits not seen before (a deposit seen again is left as it is),
    /// the blocks' hashes, the cursor moved to <paramref name="nextBlock"/>, and hashes older than
    /// <paramref name="keepBlocksFrom"/> forgotten.
    /// </summary>
    Task RecordScanAsync(
        long chainId, IReadOnlyList<Deposit> deposits, IReadOnlyList<ScannedBlock> blocks, long nextBlock, long keepBlocksFrom,
        DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The stored block hashes, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ScannedBlock>> ListBlocksAsync(long chainId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Undoes everything from <paramref name="fromBlock"/> up, after a reorg: pending deposits there become
    /// <see cref="DepositStatus.Removed"/>, their block hashes are forgotten, and the cursor goes back to
    /// <paramref name="fromBlock"/> (if it was past it). Returns the deposits it removed.
    /// </summary>
    Task<IReadOnlyList<Deposit>> RollBackAsync(long chainId, long fromBlock, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every pending deposit of a chain, oldest block first.</summary>
    Task<IReadOnlyList<Deposit>> ListPendingAsync(long chainId, CancellationToken cancellationToken);

    /// <summary>Sets a deposit's status (credited or unclaimed) and account, and stamps its confirmation time.</summary>
    Task MarkConfirmedAsync(Deposit deposit, DepositStatus status, string? accountId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives a wallet's deposits that have no account yet (pending or unclaimed) to its account; returns the unclaimed ones.</summary>
    Task<IReadOnlyList<Deposit>> AssignSenderAsync(WalletAddress sender, string accountId, CancellationToken cancellationToken);

    /// <summary>An account's deposits (of every status), newest first.</summary>
    Task<IReadOnlyList<Deposit>> ListByAccountAsync(string accountId, int limit, CancellationToken cancellationToken);

    /// <summary>A chain's credited and unclaimed deposits in an inclusive block range, for reconciliation.</summary>
    Task<IReadOnlyList<Deposit>> ListConfirmedAsync(long chainId, long fromBlock, long toBlock, CancellationToken cancellationToken);
}
