using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Storage;

namespace Tollway.Storage.Tests.Billing;

/// <summary>
/// A node's way to the real database, with faults put in on purpose: <see cref="Down"/> (nothing gets through, and the
/// database does not answer) and <see cref="RefuseCharges"/> (the database answers, but refuses every charge).
/// </summary>
internal sealed class FaultyLedgerStore(ILedgerStore inner, IDatabaseHealth health) : ILedgerStore, IDatabaseHealth
{
    private int _chargeFailures;

    /// <summary>The database cannot be reached.</summary>
    public bool Down { get; set; }

    /// <summary>Commits of charges fail while everything else works.</summary>
    public bool RefuseCharges { get; set; }

    /// <summary>Commits of charges that failed so far.</summary>
    public int ChargeFailures => Volatile.Read(ref _chargeFailures);

    public Task<IReadOnlyList<PostOutcome>> CommitChargesAsync(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        if (Down || RefuseCharges)
        {
            Interlocked.Increment(ref _chargeFailures);
            throw new InvalidOperationException(Down ? "The database cannot be reached." : "The database refuses this charge.");
        }

        return inner.CommitChargesAsync(charges, cancellationToken);
    }

    public Task<PostOutcome> PostAsync(LedgerTransaction transaction, CancellationToken cancellationToken) =>
        Through(() => inner.PostAsync(transaction, cancellationToken));

    public Task<LeaseGrant> AcquireLeaseAsync(string accountId, string nodeId, long leaseId, long amount, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Through(() => inner.AcquireLeaseAsync(accountId, nodeId, leaseId, amount, expiresAt, cancellationToken));

    public Task ReleaseLeaseAsync(string accountId, string nodeId, long leaseId, long amount, CancellationToken cancellationToken) =>
        Through(async () =>
        {
            await inner.ReleaseLeaseAsync(accountId, nodeId, leaseId, amount, cancellationToken);
            return true;
        });

    public Task<IReadOnlyList<NodeLease>> RenewLeasesAsync(
        string nodeId, IReadOnlyCollection<NodeLease> leases, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Through(() => inner.RenewLeasesAsync(nodeId, leases, expiresAt, cancellationToken));

    public Task<int> DeleteExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Through(() => inner.DeleteExpiredLeasesAsync(now, cancellationToken));

    public Task<long> GetBalanceAsync(string ledgerAccount, CancellationToken cancellationToken) =>
        Through(() => inner.GetBalanceAsync(ledgerAccount, cancellationToken));

    public Task<long> GetLeasedAsync(string accountId, CancellationToken cancellationToken) =>
        Through(() => inner.GetLeasedAsync(accountId, cancellationToken));

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => !Down && await health.IsHealthyAsync(cancellationToken);

    private Task<T> Through<T>(Func<Task<T>> call) =>
        Down ? Task.FromException<T>(new InvalidOperationException("The database cannot be reached.")) : call();
}
