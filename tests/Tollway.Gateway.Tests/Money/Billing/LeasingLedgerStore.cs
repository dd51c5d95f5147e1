using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>
/// A ledger of one account for the balance book's lease logic: grants leases from its free balance and records what
/// was asked. While <see cref="Pause"/> is set, lease requests wait for it, as they wait for a busy database. It keeps
/// one lease per node, with the store's rules for ids, and posts every charge without moving money: a request naming the node's lease grows it, any other starts a
/// new one under the next id. <see cref="LoseLeases"/> makes it forget them, as another node's sweep would; <see cref="Down"/>
/// makes leasing fail.
/// </summary>
internal sealed class LeasingLedgerStore(long balance) : ILedgerStore
{
    private readonly Lock _lock = new();
    private readonly List<long> _asked = [];
    private readonly Dictionary<string, (long LeaseId, long Amount)> _leases = new(StringComparer.Ordinal);

    /// <summary>When set, lease requests wait until it completes.</summary>
    public TaskCompletionSource? Pause { get; set; }

    /// <summary>When set, lease requests fail as they do while the database cannot be reached.</summary>
    public bool Down { get; set; }

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

    /// <summary>The charges committed, in order (all posted), unless <see cref="RefuseCharges"/>.</summary>
    public List<PendingCharge> Charges { get; } = [];

    /// <summary>When set, commits throw, as a database that refuses the charge would.</summary>
    public bool RefuseCharges { get; set; }

    /// <summary>What is leased, every node together.</summary>
    public long Leased
    {
        get
        {
            lock (_lock)
            {
                return _leases.Values.Sum(l => l.Amount);
            }
        }
    }

    /// <summary>Forgets every lease, as if they expired and another node swept them.</summary>
    public void LoseLeases()
    {
        lock (_lock)
        {
            _leases.Clear();
        }
    }

    public async Task<LeaseGrant> AcquireLeaseAsync(
        string accountId, string nodeId, long leaseId, long amount, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _asked.Add(amount);
        }

        if (Pause is { } pause)
        {
            await pause.Task.WaitAsync(cancellationToken);
        }

        if (Down)
        {
            throw new InvalidOperationException("The database cannot be reached.");
        }

        lock (_lock)
        {
            var others = _leases.Where(l => l.Key != nodeId).Sum(l => l.Value.Amount);
            var grant = LeaseGrant.Decide(balance, others, _leases.TryGetValue(nodeId, out var own) ? own : null, leaseId, amount);
            _leases[nodeId] = (grant.LeaseId, grant.NodeLeased);
            return grant;
        }
    }

    public Task<IReadOnlyList<NodeLease>> RenewLeasesAsync(
        string nodeId, IReadOnlyCollection<NodeLease> leases, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<NodeLease>>(
                [.. leases.Where(l => _leases.TryGetValue(nodeId, out var own) && own.LeaseId == l.LeaseId)]);
        }
    }

    public Task ReleaseLeaseAsync(string accountId, string nodeId, long leaseId, long amount, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_leases.TryGetValue(nodeId, out var own) && own.LeaseId == leaseId)
            {
                _leases[nodeId] = (leaseId, Math.Max(own.Amount - amount, 0));
            }
        }

        return Task.CompletedTask;
    }

    public Task<PostOutcome> PostAsync(LedgerTransaction transaction, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not part of leasing.");

    public Task<IReadOnlyList<PostOutcome>> CommitChargesAsync(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        if (RefuseCharges)
        {
            throw new InvalidOperationException("The database refuses this charge.");
        }

        lock (_lock)
        {
            Charges.AddRange(charges);
        }

        return Task.FromResult<IReadOnlyList<PostOutcome>>([.. charges.Select(_ => PostOutcome.Posted)]);
    }

    public Task<int> DeleteExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<long> GetBalanceAsync(string ledgerAccount, CancellationToken cancellationToken) => Task.FromResult(balance);

    public Task<long> GetLeasedAsync(string accountId, CancellationToken cancellationToken) => Task.FromResult(Leased);
}
