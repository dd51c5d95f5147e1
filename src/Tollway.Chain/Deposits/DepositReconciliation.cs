namespace Tollway.Chain.Deposits;

/// <summary>The treasury's transfers at depth on one chain compared with the deposits Tollway recorded for that range.</summary>
public sealed record DepositReconciliation(
    long ChainId, long FromBlock, long ToBlock, int OnChain, int Recorded, long OnChainNanos, long RecordedNanos, IReadOnlyList<ReconciliationDifference> Differences)
{
    /// <summary>Whether both sides agree exactly.</summary>
    public bool Matches => Differences.Count == 0;
}
