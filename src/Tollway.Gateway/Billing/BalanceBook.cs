using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Configuration;
using Tollway.Gateway.Diagnostics;
using Tollway.Gateway.Ledger;
using Tollway.Gateway.Money;

namespace Tollway.Gateway.Billing;

/// <summary>
/// Holds and settles requests against account balances, in memory, against slices of the balance this node leased.
/// Taking a hold costs a lock and two additions unless the lease runs short; then one database round trip leases more
/// (at least <see cref="BillingOptions.LeaseChunkUsd"/>) for the burst behind it. Settling queues the charge for the
/// group-committed journal write and waits until it is durable.
/// </summary>
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
    private readonly BillingOptions _options;
    private readonly long _leaseChunk;

    public BalanceBook(
        ILedgerStore store, ChargeWriter writer, NodeIdentity node, IOptions<TollwayOptions> options, TimeProvider timeProvider, ILogger<BalanceBook> logger)
    {
        _store = store;
        _writer = writer;
        _node = node;
        _timeProvider = timeProvider;
        _logger = logger;
        _options = options.Value.Billing;
        _leaseChunk = UsdAmount.TryParseNanos(_options.LeaseChunkUsd, out var chunk) ? chunk : UsdAmount.NanosPerUsd;
    }

    /// <summary>This node's id in the lease table.</summary>
    public string NodeId => _node.Id;

    /// <summary>Reserves <paramref name="amount"/> of the account's balance, or says how much was free.</summary>
    public async ValueTask<HoldOutcome> TryHoldAsync(string accountId, long amount, CancellationToken cancellationToken)
    {
        var purse = _purses.GetOrAdd(accountId, static id => new AccountPurse(id));
        var now = _timeProvider.GetTimestamp();
        purse.LastActivityTimestamp = now;
        if (purse.TryReserve(amount))
        {
            return new HoldOutcome(new Hold(purse, amount), 0);
        }

        if (now < purse.ExhaustedUntilTimestamp)
        {
            return new HoldOutcome(null, purse.Leased - purse.Held);
        }

        await purse.LeaseGate.WaitAsync(cancellationToken);
        try
        {
            // Another request may have leased enough while this one waited for the gate.
            if (purse.TryReserve(amount))
            {
                return new HoldOutcome(new Hold(purse, amount), 0);
            }

            var shortfall = amount - (purse.Leased - purse.Held);
            var grant = await _store.AcquireLeaseAsync(
                accountId, _node.Id, Math.Max(shortfall, _leaseChunk), _timeProvider.GetUtcNow() + _options.LeaseTtl, cancellationToken);
            purse.AddLease(grant.Granted, grant.Balance);
            if (purse.TryReserve(amount))
            {
                return new HoldOutcome(new Hold(purse, amount), 0);
            }

            purse.ExhaustedUntilTimestamp = _timeProvider.GetTimestamp()
                + (long)(_options.ExhaustedBalanceRecheck.TotalSeconds * _timeProvider.TimestampFrequency);
            return new HoldOutcome(null, purse.Leased - purse.Held);
        }
        finally
        {
            purse.LeaseGate.Release();
        }
    }

    /// <summary>Releases a hold without charging (the request failed and the provider billed nothing).</summary>
    public void Void(Hold hold) => hold.TryResolve(0, _timeProvider.GetTimestamp());

    /// <summary>
    /// Charges what the request cost, at most what was held, and waits until the charge is durable. Returns the charge
    /// as recorded, or <see langword="null"/> if the hold was already resolved.
    /// </summary>
    public async Task<ChargeRecord?> SettleAsync(Hold hold, ChargeRecord charge, CancellationToken cancellationToken)
    {
        var billed = CapAtHold(charge, hold.Amount);
        if (!hold.TryResolve(billed.Total, _timeProvider.GetTimestamp()))
        {
            return null;
        }

        try
        {
            await _writer.CommitAsync(new PendingCharge(billed, _node.Id)).WaitAsync(CommitWait, _timeProvider, cancellationToken);
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
