using Tollway.Gateway.Ledger;

namespace Tollway.Gateway.Tests.Billing;

/// <summary>
/// A ledger of one account for the balance book's lease logic: grants leases from its free balance and records what
/// was asked. While <see cref="Pause"/> is set, lease requests wait for it, as they wait for a busy database.
/// </summary>
internal sealed class LeasingLedgerStore(long balance) : ILedgerStore
{
    private readonly Lock _lock = new();
    private readonly List<long> _asked = [];
    private long _leased;

    /// <summary>When set, lease requests wait until it completes.</summary>
    public TaskCompletionSource? Pause { get; set; }

    /// <summary>The amounts leases were asked for, in order.</summary>
    public IReadOnlyList<long> Asked
    {
        get
        {
            lock (_lock)
            {
                return [.. _asked];
            }
        }
    }

    public async Task<LeaseGrant> AcquireLeaseAsync(string accountId, string nodeId, long amount, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _asked.Add(amount);
        }

        if (Pause is { } pause)
        {
            await pause.Task.WaitAsync(cancellationToken);
        }

        lock (_lock)
        {
            var granted = Math.Clamp(balance - _leased, 0, amount);
            _leased += granted;
            return new LeaseGrant(granted, balance, _leased);
        }
    }

    public Task<PostOutcome> PostAsync(LedgerTransaction transaction, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not part of leasing.");

    public Task<IReadOnlyList<PostOutcome>> CommitChargesAsync(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not part of leasing.");

    public Task ReleaseLeaseAsync(string accountId, string nodeId, long amount, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RenewLeasesAsync(string nodeId, DateTimeOffset expiresAt, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<int> DeleteExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<long> GetBalanceAsync(string ledgerAccount, CancellationToken cancellationToken) => Task.FromResult(balance);

    public Task<long> GetLeasedAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_leased);
        }
    }
}
