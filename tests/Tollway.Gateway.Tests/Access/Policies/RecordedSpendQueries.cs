using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Tests.Access.Policies;

/// <summary>A ledger that only answers what a key (with its family) has spent: its entry in <see cref="SpendByKey"/>, else
/// <see cref="Spend"/>, whatever the day (unless <see cref="Down"/>).</summary>
internal sealed class RecordedSpendQueries : ILedgerQueries
{
    public KeySpend Spend { get; set; }

    public Dictionary<string, KeySpend> SpendByKey { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, the spend cannot be read, as while the database cannot be reached.</summary>
    public bool Down { get; set; }

    public Task<KeySpend> GetKeySpendAsync(string keyId, DateOnly day, CancellationToken cancellationToken) =>
        Down
            ? Task.FromException<KeySpend>(new InvalidOperationException("The database cannot be reached."))
            : Task.FromResult(SpendByKey.GetValueOrDefault(keyId, Spend));

    public Task<ChargeRecord?> FindChargeAsync(string requestId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<JournalEntry>> ListJournalAsync(JournalQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<LedgerReconciliation> ReconcileAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<UsageRow>> ListUsageAsync(
        string accountId, DateOnly? firstDay, DateOnly? lastDay, int offset, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<AccountTotals> GetAccountTotalsAsync(string accountId, CancellationToken cancellationToken) => throw new NotSupportedException();
}
