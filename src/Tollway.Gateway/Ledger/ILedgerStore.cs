namespace Tollway.Gateway.Ledger;

/// <summary>
/// The journal and the balance leases, as the request path and the operator change them. Implementations keep a
/// cached balance per ledger account, updated in the same database transaction as the postings, and must give the
/// same results on every backend (SQLite, PostgreSQL).
/// </summary>
/// <remarks>
/// Leases are how several nodes share one balance without a database round trip per request: a node reserves a slice
/// of an account's free balance (its balance less every node's lease) and takes holds against that slice in memory.
/// A charge shrinks the node's lease by what it moves, in the same transaction; a node that dies leaves its lease to
/// expire, which returns the rest to the account.
/// </remarks>
public interface ILedgerStore
{
    /// <summary>
    /// Posts a credit, debit or deposit if its reference is new. A posting that takes money from a user account is
    /// refused with <see cref="PostOutcome.InsufficientFunds"/> when it exceeds the account's balance less its active
    /// leases. Atomic; safe to call concurrently from several nodes.
    /// </summary>
    Task<PostOutcome> PostAsync(LedgerTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Commits a batch of charges in one database transaction (group commit). For each charge with a new reference:
    /// its postings, the cached balances, the charge record, the key's spend, and the paying node's lease reduced by
    /// the charge's total. Charges whose reference exists already are skipped and reported
    /// <see cref="PostOutcome.Duplicate"/>. Returns one outcome per charge, in order.
    /// </summary>
    Task<IReadOnlyList<PostOutcome>> CommitChargesAsync(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken);

    /// <summary>
    /// Adds up to <paramref name="amount"/> of the account's free balance (balance less all active leases) to the
    /// node's lease, and sets that lease's expiry. Grants less, or nothing, when less is free. Serialised per account
    /// so that concurrent grants from several nodes never exceed the balance.
    /// </summary>
    Task<LeaseGrant> AcquireLeaseAsync(string accountId, string nodeId, long amount, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Returns part (at most all) of a node's lease on an account to the account.</summary>
    Task ReleaseLeaseAsync(string accountId, string nodeId, long amount, CancellationToken cancellationToken);

    /// <summary>Moves the expiry of every lease the node holds.</summary>
    Task RenewLeasesAsync(string nodeId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Deletes leases whose expiry passed (their node died or stopped without releasing them); returns how many.</summary>
    Task<int> DeleteExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The cached balance of a ledger account (0 when it never moved).</summary>
    Task<long> GetBalanceAsync(string ledgerAccount, CancellationToken cancellationToken);

    /// <summary>The total of active leases on a customer account.</summary>
    Task<long> GetLeasedAsync(string accountId, CancellationToken cancellationToken);
}
