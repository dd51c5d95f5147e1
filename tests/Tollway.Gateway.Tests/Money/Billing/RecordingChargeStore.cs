using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>
/// A ledger that records each group commit's request ids and posts every charge. While <see cref="Pause"/> is set, a
/// commit waits for it, as it waits for a busy database; <see cref="FailuresLeft"/> commits throw first.
/// </summary>
internal sealed class RecordingChargeStore : ILedgerStore
{
    private readonly Lock _lock = new();
    private readonly List<string[]> _batches = [];
    private int _attempts;

    /// <summary>When set, commits wait until it completes.</summary>
    public TaskCompletionSource? Pause { get; set; }

    /// <summary>How many commits still fail before one succeeds.</summary>
    public int FailuresLeft { get; set; }

    /// <summary>The request ids of each commit that succeeded, in order.</summary>
    public IReadOnlyList<string[]> Batches
    {
        get
        {
            lock (_lock)
            {
                return [.. _batches];
            }
        }
    }

    /// <summary>Commits begun, including those that failed or still wait.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public async Task<IReadOnlyList<PostOutcome>> CommitChargesAsync(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        if (Pause is { } pause)
        {
            await pause.Task.WaitAsync(cancellationToken);
        }

        lock (_lock)
        {
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new InvalidOperationException("The database is busy.");
            }

            _batches.Add([.. charges.Select(c => c.Charge.RequestId)]);
        }

        return [.. charges.Select(_ => PostOutcome.Posted)];
    }

    public Task<PostOutcome> PostAsync(LedgerTransaction transaction, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not part of charging.");

    public Task<LeaseGrant> AcquireLeaseAsync(
        string accountId, string nodeId, long leaseId, long amount, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not part of charging.");

    public Task ReleaseLeaseAsync(string accountId, string nodeId, long leaseId, long amount, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<NodeLease>> RenewLeasesAsync(
        string nodeId, IReadOnlyCollection<NodeLease> leases, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NodeLease>>([.. leases]);

    public Task<int> DeleteExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<long> GetBalanceAsync(string ledgerAccount, CancellationToken cancellationToken) => Task.FromResult(0L);

    public Task<long> GetLeasedAsync(string accountId, CancellationToken cancellationToken) => Task.FromResult(0L);
}
