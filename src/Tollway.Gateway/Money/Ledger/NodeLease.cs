namespace Tollway.Gateway.Money.Ledger;

/// <summary>One lease of a node: the account it is on and its id (see <see cref="ILedgerStore.AcquireLeaseAsync"/>).</summary>
public readonly record struct NodeLease(string AccountId, long LeaseId);
