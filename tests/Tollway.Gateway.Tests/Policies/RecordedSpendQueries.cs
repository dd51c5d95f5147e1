using Tollway.Gateway.Ledger;

namespace Tollway.Gateway.Tests.Policies;

/// <summary>A ledger that only answers what a key (with its family) has spent: its entry in <see cref="SpendByKey"/>, else
/// <see cref="Spend"/>, whatever the day.</summary>
internal sealed class RecordedSpendQueries : ILedgerQueries
{
    public KeySpend Spend { get; set; }

    public Dictionary<string, KeySpend> SpendByKey { get; } = new(StringComparer.Ordinal);

    public Task<KeySpend> GetKeySpendAsync(string keyId, DateOnly day, CancellationToken cancellationToken) =>
        Task.FromResult(SpendByKey.GetValueOrDefault(keyId, Spend));

    public Task<ChargeRecord?> FindChargeAsync(string requestId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<JournalEntry>> ListJournalAsync(JournalQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<LedgerReconciliation> ReconcileAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<UsageRow>> ListUsageAsync(
        string accountId, DateOnly? firstDay, DateOnly? lastDay, int offset, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<AccountTotals> GetAccountTotalsAsync(string accountId, CancellationToken cancellationToken) => throw new NotSupportedException();
}
