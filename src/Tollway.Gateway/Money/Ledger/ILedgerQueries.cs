namespace Tollway.Gateway.Money.Ledger;

/// <summary>Reading the books: charges, the journal, usage, spend and reconciliation. Never on the request path.</summary>
public interface ILedgerQueries
{
    /// <summary>The charge of one request, or <see langword="null"/>.</summary>
    Task<ChargeRecord?> FindChargeAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>A page of journal entries in sequence order.</summary>
    Task<IReadOnlyList<JournalEntry>> ListJournalAsync(JournalQuery query, CancellationToken cancellationToken);

    /// <summary>Checks the books.</summary>
    Task<LedgerReconciliation> ReconcileAsync(CancellationToken cancellationToken);

    /// <summary>A key's spend in total, on <paramref name="day"/> and in its month: its own charges and those of every key
    /// made under it (its family), since a key's spend caps hold for all of them together.</summary>
    Task<KeySpend> GetKeySpendAsync(string keyId, DateOnly day, CancellationToken cancellationToken);

    /// <summary>An account's usage grouped by UTC day and model, newest day first, then by model; paged by offset.</summary>
    Task<IReadOnlyList<UsageRow>> ListUsageAsync(string accountId, DateOnly? firstDay, DateOnly? lastDay, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>An account's credits and usage.</summary>
    Task<AccountTotals> GetAccountTotalsAsync(string accountId, CancellationToken cancellationToken);
}
