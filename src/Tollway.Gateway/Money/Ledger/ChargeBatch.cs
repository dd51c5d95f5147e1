namespace Tollway.Gateway.Money.Ledger;

/// <summary>
/// The rules of one group commit of charges (<see cref="ILedgerStore.CommitChargesAsync"/>), and what it writes besides
/// the charge rows: each charge is recorded once, paid as <see cref="ChargeFunds"/> allows or refused; the balances,
/// key spend and leases that the paid charges move are summed here over the batch, for the store to write once per
/// account, key and lease.
/// </summary>
/// <param name="funds">What the batch may take from each account, over what the store read under its lock.</param>
public sealed class ChargeBatch(ChargeFunds funds)
{
    private readonly Dictionary<string, long> _paidBy = new(StringComparer.Ordinal);
    private readonly Dictionary<(string KeyId, DateOnly Day), (long Amount, long Requests)> _spend = [];
    private long _providerCost;
    private long _markup;

    /// <summary>What this batch takes off each lease (see <see cref="ChargeFunds.TakenFromLeases"/>).</summary>
    public IReadOnlyDictionary<(string Account, string Node, long Lease), long> TakenFromLeases => funds.TakenFromLeases;

    /// <summary>What the paid charges add to each key's spend on each UTC day, and how many requests they were.</summary>
    public IReadOnlyDictionary<(string KeyId, DateOnly Day), (long Amount, long Requests)> KeySpend => _spend;

    /// <summary>Settles the charges in order, recording the paid ones through <paramref name="rows"/>; each one's outcome.</summary>
    public PostOutcome[] Commit(IReadOnlyList<PendingCharge> charges, IChargeRows rows, CancellationToken cancellationToken)
    {
        var outcomes = new PostOutcome[charges.Count];
        for (var i = 0; i < charges.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            outcomes[i] = Commit(charges[i], rows);
        }

        return outcomes;
    }

    /// <summary>
    /// The sum over the paid charges of their legs (<see cref="ChargeRecord.PostingsOf"/>) per ledger account, an
    /// account that did not move left out: what the store adds to the cached balances.
    /// </summary>
    public Dictionary<string, long> BalanceMovements()
    {
        var movements = new Dictionary<string, long>(_paidBy.Count + 2, StringComparer.Ordinal);
        foreach (var (account, paid) in _paidBy)
        {
            if (paid != 0)
            {
                movements[LedgerAccounts.User(account)] = -paid;
            }
        }

        AddIfMoved(movements, LedgerAccounts.ProviderCost, _providerCost);
        AddIfMoved(movements, LedgerAccounts.MarkupRevenue, _markup);
        return movements;
    }

    /// <summary>The UTC day a charge counts on, for usage and a key's daily spend.</summary>
    public static DateOnly DayOf(ChargeRecord charge) => DateOnly.FromDateTime(charge.CreatedAt.UtcDateTime);

    private PostOutcome Commit(PendingCharge pending, IChargeRows rows)
    {
        if (!funds.CanPay(pending, out var covered))
        {
            // A charge already recorded took its money then; refusing it again would take from its lease twice.
            if (rows.IsRecorded(pending.Charge.RequestId))
            {
                return PostOutcome.Duplicate;
            }

            funds.Refuse(pending, covered);
            return PostOutcome.InsufficientFunds;
        }

        if (!rows.TryRecord(pending))
        {
            return PostOutcome.Duplicate;
        }

        funds.Pay(pending, covered);
        Tally(pending.Charge);
        return PostOutcome.Posted;
    }

    private void Tally(ChargeRecord charge)
    {
        _paidBy[charge.AccountId] = checked(_paidBy.GetValueOrDefault(charge.AccountId) + charge.Total);
        _providerCost = checked(_providerCost + charge.ProviderCost);
        _markup = checked(_markup + charge.Markup);
        if (charge.KeyId is { } keyId)
        {
            var (amount, requests) = _spend.GetValueOrDefault((keyId, DayOf(charge)));
            _spend[(keyId, DayOf(charge))] = (checked(amount + charge.Total), requests + 1);
        }
    }

    private static void AddIfMoved(Dictionary<string, long> movements, string ledgerAccount, long amount)
    {
        if (amount != 0)
        {
            movements[ledgerAccount] = amount;
        }
    }
}
