namespace Tollway.Gateway.Money.Ledger;

/// <summary>
/// The charge rows a store writes for a <see cref="ChargeBatch"/>, inside the batch's transaction: how each backend
/// records a charge and learns that its reference is taken.
/// </summary>
public interface IChargeRows
{
    /// <summary>Records the charge's row; false when a charge with its reference exists already (nothing is written then).</summary>
    bool TryRecord(PendingCharge pending);

    /// <summary>Whether a charge for the request is recorded, this batch's included.</summary>
    bool IsRecorded(string requestId);
}
