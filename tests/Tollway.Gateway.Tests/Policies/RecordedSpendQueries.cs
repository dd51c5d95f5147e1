using Tollway.Gateway.Ledger;

namespace Tollway.Gateway.Tests.Policies;

/// <summary>A ledger that only answers what a key has spent: <see cref="Spend"/>, whatever the key and day (unless
/// <see cref="Down"/>).</summary>
internal sealed class RecordedSpendQueries : ILedgerQueries
{
    public KeySpend Spend { get; set; }

    /// <summary>When set, the spend cannot be read, as while the database cannot be reached.</summary>
    public bool Down { get; set; }

    public Task<KeySpend> GetKeySpendAsync(string keyId, DateOnly day, CancellationToken cancellationToken) =>
        Down ? Task.FromException<KeySpend>(new InvalidOperationException("The database cannot be reached.")) : Task.FromResult(Spend);

    public Task<ChargeRecord?> FindChargeAsync(string requestId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<JournalEntry>> ListJournalAsync(JournalQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<LedgerReconciliation> ReconcileAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<UsageRow>> ListUsageAsync(
        string accountId, DateOnly? firstDay, DateOnly? lastDay, int offset, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<AccountTotals> GetAccountTotalsAsync(string accountId, CancellationToken cancellationToken) => throw new NotSupportedException();
}
