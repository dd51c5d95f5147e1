namespace Tollway.Gateway.Money.Ledger;

/// <summary>
/// What a batch of charges may take from each account, by the rule of <see cref="ILedgerStore.CommitChargesAsync"/>: a
/// charge is paid from the live lease it names as far as that lease goes, and the rest from the account's free balance
/// (its balance less every live lease); it is refused when that does not cover it, so that a charge settled after its
/// node lost the lease never takes money that other nodes leased since. The stores read balances and leases inside the
/// batch's transaction, after their lock, through the functions given (each asked at most once per account or lease),
/// and write what this adds up.
/// </summary>
/// <param name="balanceOf">A customer account's balance.</param>
/// <param name="leasedOf">What every live lease on a customer account reserves.</param>
/// <param name="liveLeaseOf">What a live lease holds; 0 when it expired, or the node's lease there has another id, or none.</param>
public sealed class ChargeFunds(Func<string, long> balanceOf, Func<string, long> leasedOf, Func<(string Account, string Node, long Lease), long> liveLeaseOf)
{
    private readonly Dictionary<string, long> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _leased = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Account, string Node, long Lease), long> _leaseLeft = [];
    private readonly Dictionary<(string Account, string Node, long Lease), long> _taken = [];

    /// <summary>What this batch takes off each lease (charges paid from it, and refused ones it held), to be written.</summary>
    public IReadOnlyDictionary<(string Account, string Node, long Lease), long> TakenFromLeases => _taken;

    /// <summary>Whether the charge can be paid; <paramref name="covered"/> is the part its lease pays (also when it cannot).</summary>
    public bool CanPay(PendingCharge pending, out long covered)
    {
        var charge = pending.Charge;
        covered = Math.Min(charge.Total, LeaseLeft(Lease(pending)));
        // The first test keeps a balance from going below zero even where the books are already wrong.
        return charge.Total <= Balance(charge.AccountId)
            && (charge.Total == covered || checked(charge.Total - covered) <= checked(Balance(charge.AccountId) - Leased(charge.AccountId)));
    }

    /// <summary>Records a charge as paid: the account's balance and its lease go down.</summary>
    public void Pay(PendingCharge pending, long covered)
    {
        _balances[pending.Charge.AccountId] = checked(Balance(pending.Charge.AccountId) - pending.Charge.Total);
        Take(Lease(pending), covered);
    }

    /// <summary>
    /// Records a charge as refused: nothing moves, but its node stopped reserving it when its request settled, so what
    /// its lease held for it is given back rather than left reserved for a charge that will never be written.
    /// </summary>
    public void Refuse(PendingCharge pending, long covered) => Take(Lease(pending), covered);

    private static (string Account, string Node, long Lease) Lease(PendingCharge pending) => (pending.Charge.AccountId, pending.NodeId, pending.LeaseId);

    private long Balance(string accountId)
    {
        if (!_balances.TryGetValue(accountId, out var balance))
        {
            _balances[accountId] = balance = balanceOf(accountId);
        }

        return balance;
    }

    /// <summary>What the account's live leases reserve, less what this batch took from them.</summary>
    private long Leased(string accountId)
    {
        if (!_leased.TryGetValue(accountId, out var leased))
        {
            _leased[accountId] = leased = leasedOf(accountId) - _taken.Where(t => t.Key.Account == accountId).Sum(t => t.Value);
        }

        return leased;
    }

    private long LeaseLeft((string Account, string Node, long Lease) lease)
    {
        if (lease.Lease == 0)
        {
            // No lease named: the node held none it trusted (ids start at 1).
            return 0;
        }

        if (!_leaseLeft.TryGetValue(lease, out var left))
        {
            _leaseLeft[lease] = left = liveLeaseOf(lease);
        }

        return left;
    }

    private void Take((string Account, string Node, long Lease) lease, long amount)
    {
        if (amount == 0)
        {
            return;
        }

        _leaseLeft[lease] = LeaseLeft(lease) - amount;
        _taken[lease] = _taken.GetValueOrDefault(lease) + amount;
        if (_leased.ContainsKey(lease.Account))
        {
            _leased[lease.Account] -= amount;
        }
    }
}
