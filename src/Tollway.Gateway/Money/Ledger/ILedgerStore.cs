namespace Tollway.Gateway.Money.Ledger;

/// <summary>
/// The journal and the balance leases, as the request path and the operator change them. Implementations keep a
/// cached balance per ledger account, updated in the same database transaction as the postings, and must give the
/// same results on every backend (SQLite, PostgreSQL).
/// </summary>
/// <remarks>
/// Leases are how several nodes share one balance without a database round trip per request: a node reserves a slice
/// of an account's free balance (its balance less every node's live lease) and takes holds against that slice in
/// memory. A charge shrinks the lease it was paid from by what it moves, in the same transaction; a node that dies
/// leaves its lease to expire, which returns the rest to the account.
/// <para>
/// A lease that expired is dead for everyone, its own node included: no store operation counts it, renews it or grows
/// it again, so money that another node may already have leased is never reserved twice. Each lease has an id, unique
/// per node and account, so that a charge or a release meant for a lease the node lost never touches the lease it
/// holds now.
/// </para>
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
    /// its postings, the cached balances, the charge record, the key's spend, and the lease it names shrunk by the
    /// charge's total. A charge is paid from that lease while the lease is live (at most what is left of it), and
    /// otherwise (the node lost the lease, or named none) from the account's free balance: it is refused with
    /// <see cref="PostOutcome.InsufficientFunds"/>, and changes nothing but its lease, when that does not cover it, so
    /// a late charge never takes money other nodes have leased since. A refused charge's share of its lease is taken
    /// off the lease all the same, since the node has stopped reserving it. Charges whose reference exists already are
    /// skipped and reported <see cref="PostOutcome.Duplicate"/>. Returns one outcome per charge, in order.
    /// </summary>
    Task<IReadOnlyList<PostOutcome>> CommitChargesAsync(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken);

    /// <summary>
    /// Adds up to <paramref name="amount"/> of the account's free balance (balance less all live leases) to the node's
    /// lease <paramref name="leaseId"/>, and sets that lease's expiry. When the node has no live lease of that id on the
    /// account (it never had one, or it expired, or the node holds another), the node's lease there is replaced by a
    /// new one with id <paramref name="leaseId"/> + 1 that holds only this grant, and whatever the replaced lease held
    /// goes back to the account. Grants less, or nothing, when less is free. Serialised per account so that concurrent
    /// grants from several nodes never exceed the balance; expired leases of the account are deleted first, so that a
    /// node renewing its lease at the same moment either keeps it (and it counts) or learns it lost it.
    /// </summary>
    Task<LeaseGrant> AcquireLeaseAsync(string accountId, string nodeId, long leaseId, long amount, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Returns part (at most all) of a node's lease on an account to the account; nothing when the node's
    /// lease there is no longer the one named.</summary>
    Task ReleaseLeaseAsync(string accountId, string nodeId, long leaseId, long amount, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the expiry of those of the given leases of the node that are still live, and returns them. A lease left
    /// out of the answer is lost (it expired, or another node's sweep deleted it, or it was replaced): its money may be
    /// leased by another node already, and the node must stop holding against it.
    /// </summary>
    Task<IReadOnlyList<NodeLease>> RenewLeasesAsync(string nodeId, IReadOnlyCollection<NodeLease> leases, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Deletes leases whose expiry passed (their node died or stopped without releasing them); returns how many.</summary>
    Task<int> DeleteExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The cached balance of a ledger account (0 when it never moved).</summary>
    Task<long> GetBalanceAsync(string ledgerAccount, CancellationToken cancellationToken);

    /// <summary>The total of active leases on a customer account.</summary>
    Task<long> GetLeasedAsync(string accountId, CancellationToken cancellationToken);
}
