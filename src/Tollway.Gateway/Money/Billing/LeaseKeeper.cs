using Microsoft.Extensions.Options;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Diagnostics;

namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// Upkeep of this node's leases: renews them well before they expire, gives back those no request has used for a
/// while, and deletes the expired leases of nodes that died so their money is free again. On shutdown it returns
/// every lease (after the charge writer has written everything out). A lease the renewal does not find live any more
/// is lost (its money may be another node's by now): its purse stops holding against it at once.
/// </summary>
internal sealed class LeaseKeeper(
    BalanceBook book, ILedgerStore store, IOptions<BillingOptions> options, TimeProvider timeProvider, ILogger<LeaseKeeper> logger) : BackgroundService
{
    private readonly BillingOptions _options = options.Value;
    private PeriodicTimer? _timer;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.DeleteExpiredLeasesAsync(timeProvider.GetUtcNow(), cancellationToken);
        _timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Max(_options.LeaseTtl.Ticks / 4, TimeSpan.TicksPerMillisecond * 100)), timeProvider);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await ReleaseIdleAsync(TimeSpan.Zero, cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    /// <summary>One round of upkeep (also called by tests).</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await RenewAsync(cancellationToken);
        await store.DeleteExpiredLeasesAsync(timeProvider.GetUtcNow(), cancellationToken);
        await ReleaseIdleAsync(_options.LeaseIdleRelease, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ?? throw new InvalidOperationException("The lease keeper was not started.");
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.LeaseMaintenanceFailed(logger, ex);
            }
        }
    }

    /// <summary>Renews the leases the purses hold; a purse whose lease was not renewed drops it.</summary>
    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        var held = book.Purses.Select(p => (Purse: p, Lease: p.HeldLease)).Where(h => h.Lease is not null).ToList();
        if (held.Count == 0)
        {
            return;
        }

        var sentAt = timeProvider.GetTimestamp();
        var renewed = (await store.RenewLeasesAsync(book.NodeId, [.. held.Select(h => h.Lease!.Value)], timeProvider.GetUtcNow() + _options.LeaseTtl, cancellationToken))
            .ToHashSet();
        foreach (var (purse, lease) in held)
        {
            if (renewed.Contains(lease!.Value))
            {
                purse.Renewed(lease.Value.LeaseId, book.TrustedUntil(sentAt));
                continue;
            }

            // Under the gate: a lease request in flight may be replacing this lease right now; DropLease then finds
            // the purse holds another and leaves it.
            await purse.LeaseGate.WaitAsync(cancellationToken);
            try
            {
                if (purse.DropLease(lease.Value.LeaseId))
                {
                    Log.LeaseLost(logger, purse.AccountId, lease.Value.LeaseId, "the renewal found it expired or gone");
                }
            }
            finally
            {
                purse.LeaseGate.Release();
            }
        }
    }

    private async Task ReleaseIdleAsync(TimeSpan idleFor, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetTimestamp();
        foreach (var purse in book.Purses)
        {
            if (timeProvider.GetElapsedTime(purse.LastActivityTimestamp, now) < idleFor || purse.Held != 0)
            {
                continue;
            }

            await purse.LeaseGate.WaitAsync(cancellationToken);
            try
            {
                if (purse.TakeIdleLease() is { Idle: > 0 } idle)
                {
                    await store.ReleaseLeaseAsync(purse.AccountId, book.NodeId, idle.LeaseId, idle.Idle, cancellationToken);
                }
            }
            finally
            {
                purse.LeaseGate.Release();
            }
        }
    }
}
