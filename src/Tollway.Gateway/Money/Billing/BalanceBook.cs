using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Diagnostics;
using Tollway.Gateway.Platform.Storage;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// Holds and settles requests against account balances, in memory, against slices of the balance this node leased.
/// Taking a hold costs a lock and two additions; a lease less than half full is topped up in the background, and only a
/// hold that finds it empty waits for the database. A lease is at least <see cref="BillingOptions.LeaseChunkUsd"/>, or
/// as much as the holds in flight reserve, so busy accounts go to the database rarely. Settling queues the charge for
/// the group-committed journal write and waits until it is durable.
/// </summary>
/// <remarks>
/// A lease is held against only while it is trusted: for three quarters of <see cref="BillingOptions.LeaseTtl"/> after
/// it was granted or last renewed (<see cref="LeaseKeeper"/> renews it every quarter). Past its expiry another node may
/// lease that money, so a node cut off from the database, or paused, stops holding well before then; the quarter left
/// covers clocks that differ between nodes. A lease the store no longer has is dropped (see <see cref="AccountPurse"/>).
/// </remarks>
internal sealed class BalanceBook : ICreditListener
{
    /// <summary>How long a response waits for its charge to be durable before it goes out anyway.</summary>
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, AccountPurse> _purses = new(StringComparer.Ordinal);
    private readonly ILedgerStore _store;
    private readonly ChargeWriter _writer;
    private readonly NodeIdentity _node;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<BalanceBook> _logger;
    private readonly DatabaseOutage _outage;
    private readonly BillingOptions _options;
    private readonly long _leaseChunk;
    private readonly long _trustTicks;
    private readonly BillingMetrics? _metrics;

    public BalanceBook(
        ILedgerStore store, ChargeWriter writer, NodeIdentity node, IOptions<BillingOptions> options, TimeProvider timeProvider, ILogger<BalanceBook> logger,
        DatabaseOutage outage, BillingMetrics? metrics = null)
    {
        _store = store;
        _outage = outage;
        _writer = writer;
        _node = node;
        _timeProvider = timeProvider;
        _logger = logger;
        _options = options.Value;
        _leaseChunk = UsdAmount.TryParseNanos(_options.LeaseChunkUsd, out var chunk) ? chunk : UsdAmount.NanosPerUsd;
        _trustTicks = (long)(_options.LeaseTtl.TotalSeconds * 3 / 4 * timeProvider.TimestampFrequency);
        writer.Abandoned += ReturnToLease;
        _metrics = metrics;
        metrics?.ObserveHolds(() => _purses.Values.Sum(static purse => (long)purse.Holds), () => _purses.Values.Sum(static purse => purse.Held));
    }

    /// <summary>This node's id in the lease table.</summary>
    public string NodeId => _node.Id;

    /// <summary>
    /// Reserves <paramref name="amount"/> of the account's balance, or says how much was free. Throws
    /// <see cref="DatabaseUnavailableException"/> when the lease it needs cannot be had from the database.
    /// </summary>
    public async ValueTask<HoldOutcome> TryHoldAsync(string accountId, long amount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var purse = _purses.GetOrAdd(accountId, static id => new AccountPurse(id));
        var now = _timeProvider.GetTimestamp();
        purse.LastActivityTimestamp = now;
        if (purse.TryReserve(amount, now, out var free, out var held))
        {
            RefillIfLow(purse, free, held, now);
            return new HoldOutcome(new Hold(purse, amount), 0);
        }

        if (now < purse.ExhaustedUntilTimestamp)
        {
            return new HoldOutcome(null, purse.Free(now));
        }

        await purse.LeaseGate.WaitAsync(cancellationToken);
        try
        {
            // Another request (or a refill) may have leased enough while this one waited for the gate.
            if (purse.TryReserve(amount, _timeProvider.GetTimestamp()))
            {
                return new HoldOutcome(new Hold(purse, amount), 0);
            }

            await LeaseAsync(purse, amount, cancellationToken);
            now = _timeProvider.GetTimestamp();
            return purse.TryReserve(amount, now) ? new HoldOutcome(new Hold(purse, amount), 0) : new HoldOutcome(null, purse.Free(now));
        }
        finally
        {
            purse.LeaseGate.Release();
        }
    }

    /// <summary>Releases a hold without charging (the request failed and the provider billed nothing).</summary>
    public void Void(Hold hold) => hold.TryResolve(0, _timeProvider.GetTimestamp(), out _);

    /// <summary>
    /// Charges what the request cost, at most what was held, and waits until the charge is durable. Returns the charge
    /// as recorded, or <see langword="null"/> if the hold was already resolved.
    /// </summary>
    public async Task<ChargeRecord?> SettleAsync(Hold hold, ChargeRecord charge, CancellationToken cancellationToken)
    {
        var billed = CapAtHold(charge, hold.Amount);
        if (!hold.TryResolve(billed.Total, _timeProvider.GetTimestamp(), out var leaseId))
        {
            return null;
        }

        try
        {
            await _writer.CommitAsync(new PendingCharge(billed, _node.Id, leaseId)).WaitAsync(CommitWait, _timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The database is slow or down; the charge stays queued and is written when it can be.
            Log.ChargeCommitSlow(_logger, billed.RequestId, (int)CommitWait.TotalSeconds);
        }

        return billed;
    }

    /// <summary>Forgets that an account's balance was found exhausted (a credit just arrived).</summary>
    public void NotifyCredited(string accountId)
    {
        if (_purses.TryGetValue(accountId, out var purse))
        {
            purse.ExhaustedUntilTimestamp = 0;
        }
    }

    /// <summary>What requests in flight on this node hold of an account's balance (0 when it has none here).</summary>
    internal long HeldOnThisNode(string accountId) => _purses.TryGetValue(accountId, out var purse) ? purse.Held : 0;

    /// <summary>The purses, for lease upkeep.</summary>
    internal ICollection<AccountPurse> Purses => _purses.Values;

    /// <summary>Until when a lease granted or renewed by a request sent at <paramref name="sentAt"/> (timestamp ticks) is trusted.</summary>
    internal long TrustedUntil(long sentAt) => sentAt + _trustTicks;

    /// <summary>
    /// Tops the lease up in the background once less than half of a lease's worth is free, so that holds find it full
    /// rather than wait for the database (under load the wait is one group commit). Not while the balance is known to
    /// be exhausted, and one refill at a time: the gate is taken or the refill is skipped.
    /// </summary>
    private void RefillIfLow(AccountPurse purse, long free, long held, long now)
    {
        if (free >= AccountPurse.LeaseWanted(_leaseChunk, held) / 2 || now < purse.ExhaustedUntilTimestamp || !purse.LeaseGate.Wait(0))
        {
            return;
        }

        StartRefill(purse);
    }

    /// <summary>Leases more for a purse whose gate the caller took; releases the gate when done. A method of its own so
    /// that the closure is allocated only when a refill starts, not on every hold.</summary>
    private void StartRefill(AccountPurse purse) =>
        // Off the request's thread: the lease's database work must not delay the hold that noticed.
        _ = Task.Run(async () =>
        {
            try
            {
                if (purse.Free(_timeProvider.GetTimestamp()) < purse.LeaseWanted(_leaseChunk) / 2)
                {
                    await LeaseAsync(purse, 0, CancellationToken.None);
                }
            }
            catch (DatabaseUnavailableException)
            {
                // Said once for the whole outage (DatabaseOutage), not once per hold that starts a top-up meanwhile.
            }
            catch (Exception ex)
            {
                Log.LeaseRefillFailed(_logger, purse.AccountId, ex);
            }
            finally
            {
                purse.LeaseGate.Release();
            }
        });

    /// <summary>
    /// Leases enough for <paramref name="needed"/> more and the holds in flight, at least a chunk; a grant that falls
    /// short means the account has nothing more free, which holds then take as an answer for a while instead of asking
    /// again. A lease no longer trusted is dropped first, so the request starts a new one rather than growing it.
    /// </summary>
    private async Task LeaseAsync(AccountPurse purse, long needed, CancellationToken cancellationToken)
    {
        var sentAt = _timeProvider.GetTimestamp();
        var lost = purse.LeaseId;
        if (purse.DropUntrustedLease(sentAt))
        {
            Log.LeaseLost(_logger, purse.AccountId, lost, "not renewed in time");
        }

        var wanted = Math.Max(needed - (purse.Leased - purse.Held), purse.LeaseWanted(_leaseChunk));
        var asked = purse.LeaseId;
        var expiresAt = _timeProvider.GetUtcNow() + _options.LeaseTtl;
        var grant = await _outage.CallAsync(token => _store.AcquireLeaseAsync(purse.AccountId, _node.Id, asked, wanted, expiresAt, token), cancellationToken);
        if (!purse.AddLease(grant, TrustedUntil(sentAt)))
        {
            Log.LeaseLost(_logger, purse.AccountId, asked, "the database no longer had it");
        }

        _metrics?.Lease(BillingMetrics.LeaseOutcomes[grant.Granted >= wanted ? 0 : grant.Granted > 0 ? 1 : 2]);
        if (grant.Granted < wanted)
        {
            purse.ExhaustedUntilTimestamp = _timeProvider.GetTimestamp()
                + (long)(_options.ExhaustedBalanceRecheck.TotalSeconds * _timeProvider.TimestampFrequency);
        }
    }

    /// <summary>A charge that will never be written goes back to the lease it came from (see <see cref="ChargeWriter"/>).</summary>
    private void ReturnToLease(PendingCharge abandoned)
    {
        if (_purses.TryGetValue(abandoned.Charge.AccountId, out var purse))
        {
            purse.Refund(abandoned.LeaseId, abandoned.Charge.Total);
        }
    }

    private ChargeRecord CapAtHold(ChargeRecord charge, long held)
    {
        if (charge.Total <= held)
        {
            return charge;
        }

        // The estimate fell short (a provider counted more than it could have): bill what was held, markup first,
        // since the balance behind the hold is all that is certainly there.
        Log.ChargeCappedAtHold(_logger, charge.RequestId, charge.Total, held);
        var providerCost = Math.Min(charge.ProviderCost, held);
        return charge with { ProviderCost = providerCost, Markup = held - providerCost };
    }
}
