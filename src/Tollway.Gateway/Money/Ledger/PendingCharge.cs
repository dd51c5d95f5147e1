namespace Tollway.Gateway.Money.Ledger;

/// <summary>
/// A charge on its way to the database, with the lease it is paid from: committing it moves the money in the journal
/// and shrinks that lease by the same amount, in one database transaction. <see cref="LeaseId"/> is 0 when the node
/// held no lease it trusted when the request settled: the charge is then paid from the account's free balance, as is
/// any part its lease no longer covers (see <see cref="ILedgerStore.CommitChargesAsync"/>).
/// </summary>
public sealed record PendingCharge(ChargeRecord Charge, string NodeId, long LeaseId);
