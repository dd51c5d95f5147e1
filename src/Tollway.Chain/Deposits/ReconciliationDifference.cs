namespace Tollway.Chain.Deposits;

/// <summary>One way the chain and the recorded deposits disagree.</summary>
/// <param name="Kind"><c>missing</c> (on chain at depth, not credited), <c>not-on-chain</c> (credited, but the chain has no
/// such transfer), <c>mismatch</c> (both, with another amount, sender, token or ledger reference), or <c>late</c> (at depth, still pending:
/// the watcher is behind).</param>
/// <param name="TransactionHash">The transfer's transaction.</param>
/// <param name="LogIndex">Its log index.</param>
/// <param name="BlockNumber">Its block.</param>
/// <param name="Detail">What differs, in words.</param>
public sealed record ReconciliationDifference(string Kind, string TransactionHash, int LogIndex, long BlockNumber, string Detail);
