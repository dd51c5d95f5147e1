namespace Tollway.Gateway.Ledger;

/// <summary>
/// A charge on its way to the database, with the lease it is paid from: committing it moves the money in the journal
/// and shrinks that node's lease by the same amount, in one database transaction.
/// </summary>
public sealed record PendingCharge(ChargeRecord Charge, string NodeId);
