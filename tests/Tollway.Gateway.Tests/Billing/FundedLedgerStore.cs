using Tollway.Gateway.Ledger;

namespace Tollway.Gateway.Tests.Billing;

/// <summary>
/// The ledger of accounts holding one balance each, for billing end to end in memory: leases are granted from what is
/// not leased yet, and every charge is committed and kept, so a test can read what was billed.
/// </summary>
internal sealed class FundedLedgerStore(long balance) : ILedgerStore
{
    private readonly Lock _lock = new();
    private readonly List<ChargeRecord> _charges = [];
    private long _leased;

    /// <summary>The charges committed, in order.</summary>
    public IReadOnlyList<ChargeRecord> Charges
    {
        get
        {
            lock (_lock)
            {
                return [.. _charges];
            }
        }
    }

    public Task<LeaseGrant> AcquireLeaseAsync(string accountId, string nodeId, long amount, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var granted = Math.Clamp(balance - _leased, 0, amount);
            _leased += granted;
            return Task.FromResult(new LeaseGrant(granted, balance, _leased));
        }
    }

    public Task<IReadOnlyList<PostOutcome>> CommitChargesAsync(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var pending in charges)
            {
                _charges.Add(pending.Charge);
                balance -= pending.Charge.Total;
                _leased -= pending.Charge.Total;
            }
        }

        return Task.FromResult<IReadOnlyList<PostOutcome>>([.. charges.Select(_ => PostOutcome.Posted)]);
    }

    public Task<PostOutcome> PostAsync(LedgerTransaction transaction, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not part of billing requests.");

    public Task ReleaseLeaseAsync(string accountId, string nodeId, long amount, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RenewLeasesAsync(string nodeId, DateTimeOffset expiresAt, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<int> DeleteExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<long> GetBalanceAsync(string ledgerAccount, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(balance);
        }
    }

    public Task<long> GetLeasedAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_leased);
        }
    }
}
