namespace Tollway.Gateway.Money.Ledger;

/// <summary>
/// The answer to a lease request: how much was granted, the account's balance and total leased (every node) after it,
/// and the node's lease that now holds the grant: its id and its whole amount. The id is the one asked for when that
/// lease was still live and grew; any other id means the store started a new lease, and the node must stop holding
/// against the one it had (see <see cref="ILedgerStore.AcquireLeaseAsync"/>).
/// </summary>
public readonly record struct LeaseGrant(long Granted, long Balance, long Leased, long LeaseId, long NodeLeased)
{
    /// <summary>
    /// The rule of <see cref="ILedgerStore.AcquireLeaseAsync"/>, on what the store read under its lock once expired leases
    /// were deleted: the account's <paramref name="balance"/>, what other nodes' leases on it hold, and the node's own
    /// lease there, if any. The node's lease grows when it is still the one asked for (<paramref name="leaseId"/>), and
    /// is otherwise replaced by lease <paramref name="leaseId"/> + 1, holding only this grant; a grant never exceeds
    /// what is free, nor what was asked. The store writes <see cref="LeaseId"/> and <see cref="NodeLeased"/> as the
    /// node's lease.
    /// </summary>
    public static LeaseGrant Decide(long balance, long othersLeased, (long LeaseId, long Amount)? own, long leaseId, long amount)
    {
        var grows = own is { } held && held.LeaseId == leaseId;
        // A lease of the node's under another id was given up by it (or never learned of): replaced, it reserves nothing.
        var kept = grows ? own!.Value.Amount : 0;
        var granted = Math.Clamp(balance - othersLeased - kept, 0, Math.Max(amount, 0));
        return new LeaseGrant(granted, balance, othersLeased + kept + granted, grows ? leaseId : leaseId + 1, kept + granted);
    }
}
