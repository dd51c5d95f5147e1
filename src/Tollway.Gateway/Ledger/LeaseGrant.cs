namespace Tollway.Gateway.Ledger;

/// <summary>
/// The answer to a lease request: how much was granted, the account's balance and total leased (every node) after it,
/// and the node's lease that now holds the grant: its id and its whole amount. The id is the one asked for when that
/// lease was still live and grew; any other id means the store started a new lease, and the node must stop holding
/// against the one it had (see <see cref="ILedgerStore.AcquireLeaseAsync"/>).
/// </summary>
public readonly record struct LeaseGrant(long Granted, long Balance, long Leased, long LeaseId, long NodeLeased);
