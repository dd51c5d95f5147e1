using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Tests.Money.Ledger;

/// <summary>Charge rows kept in memory: a reference is recorded once, as a store's unique request id keeps it.</summary>
internal sealed class MemoryChargeRows(params string[] recorded) : IChargeRows
{
    private readonly HashSet<string> _recorded = new(recorded, StringComparer.Ordinal);

    /// <summary>The charges recorded by the batch, in order.</summary>
    public List<ChargeRecord> Recorded { get; } = [];

    public bool TryRecord(PendingCharge pending)
    {
        if (!_recorded.Add(pending.Charge.RequestId))
        {
            return false;
        }

        Recorded.Add(pending.Charge);
        return true;
    }

    public bool IsRecorded(string requestId) => _recorded.Contains(requestId);
}
