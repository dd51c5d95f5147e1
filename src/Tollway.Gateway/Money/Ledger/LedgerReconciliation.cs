namespace Tollway.Gateway.Money.Ledger;

/// <summary>
/// The books checked: the sum of every posting (zero when the books balance), each system account's total, the
/// transactions whose own postings do not sum to zero, and the ledger accounts whose cached balance differs from the
/// sum of their postings.
/// </summary>
public sealed record LedgerReconciliation(
    long SumOfPostings,
    long UserBalances,
    long ActiveLeases,
    IReadOnlyDictionary<string, long> SystemAccounts,
    IReadOnlyList<string> UnbalancedTransactions,
    IReadOnlyList<string> CachedBalanceMismatches)
{
    /// <summary>True when the books balance and every cache agrees with the journal.</summary>
    public bool IsBalanced => SumOfPostings == 0 && UnbalancedTransactions.Count == 0 && CachedBalanceMismatches.Count == 0;
}
