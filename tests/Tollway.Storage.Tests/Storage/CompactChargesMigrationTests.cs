using System.Data.Common;
using System.Globalization;
using Tollway.Gateway.Money.Ledger;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Storage;

/// <summary>
/// Migration 0005 on a database that recorded charges the old way (a transaction, its postings and a charge row each):
/// afterwards every charge is one row and the books answer exactly as before.
/// </summary>
public abstract class CompactChargesMigrationTests(StorageBackend backend) : StorageTests(backend)
{
    private const int CompactCharges = 5;

    private const string Account = "acct_migrated";

    [Fact]
    public async Task MigrateAsync_ChargesStoredAsTransactionsAndPostings_AnswerTheSameAfterwards()
    {
        var database = await Backend.CreateDatabaseAsync(migrated: false);
        await database.MigrateUpToAsync(CompactCharges - 1, Ct);
        var credit = await InsertTransactionAsync(database, "credit:one", LedgerTransactionKind.Credit, "funds",
            [(LedgerAccounts.Deposits, -10_000), (LedgerAccounts.User(Account), 10_000)]);
        var withMarkup = await InsertOldChargeAsync(database, "gen-old-1", providerCost: 1_200, markup: 180, keyId: "key_old");
        var withoutMarkup = await InsertOldChargeAsync(database, "gen-old-2", providerCost: 700, markup: 0, keyId: null);
        var debit = await InsertTransactionAsync(database, "debit:one", LedgerTransactionKind.Debit, "refund",
            [(LedgerAccounts.User(Account), -20), (LedgerAccounts.Adjustments, 20)]);
        await database.ExecuteAsync($"""
            INSERT INTO ledger_balances (account, balance) VALUES
                ('{LedgerAccounts.User(Account)}', {10_000 - 1_380 - 700 - 20}), ('{LedgerAccounts.Deposits}', -10000),
                ('{LedgerAccounts.ProviderCost}', 1900), ('{LedgerAccounts.MarkupRevenue}', 180), ('{LedgerAccounts.Adjustments}', 20)
            """, Ct);
        var node = NewNode(database);

        await node.Migrator.MigrateAsync(Ct);

        var journal = await node.Queries.ListJournalAsync(new JournalQuery(), Ct);
        Assert.Equal([credit, withMarkup, withoutMarkup, debit], journal.Select(e => e.Sequence));
        Assert.Equal(["credit:one", "charge:gen-old-1", "charge:gen-old-2", "debit:one"], journal.Select(e => e.Reference));
        Assert.Equal(LedgerTransactionKind.Charge, journal[1].Kind);
        Assert.Equal(Books.At, journal[1].CreatedAt);
        Assert.Equal(
            [new Posting(LedgerAccounts.User(Account), -1_380), new Posting(LedgerAccounts.ProviderCost, 1_200), new Posting(LedgerAccounts.MarkupRevenue, 180)],
            journal[1].Postings);
        Assert.Equal([new Posting(LedgerAccounts.User(Account), -700), new Posting(LedgerAccounts.ProviderCost, 700)], journal[2].Postings);
        Assert.Equal("refund", journal[3].Memo);
        Assert.Equal(journal, await node.Queries.ListJournalAsync(new JournalQuery(Account), Ct), JournalEntryComparer.Instance);
        Assert.Equal(1_380, (await node.Queries.FindChargeAsync("gen-old-1", Ct))!.Total);
        Assert.Equal(new AccountTotals(TotalCredits: 9_980, TotalUsage: 2_080), await node.Queries.GetAccountTotalsAsync(Account, Ct));
        var books = await node.Queries.ReconcileAsync(Ct);
        Assert.True(books.IsBalanced, string.Join(", ", books.CachedBalanceMismatches));
        Assert.Equal(1_900, books.SystemAccounts[LedgerAccounts.ProviderCost]);
        // The old rows are gone: the charge rows stand for them.
        Assert.Equal(0L, await database.ScalarInt64Async("SELECT COUNT(*) FROM ledger_transactions WHERE kind = 1", Ct));
        Assert.Equal(4L, await database.CountAsync("ledger_postings", Ct));
    }

    [Fact]
    public async Task MigrateAsync_AfterCompaction_NewChargesAndTransactionsFollowTheMigratedSequences()
    {
        var database = await Backend.CreateDatabaseAsync(migrated: false);
        await database.MigrateUpToAsync(CompactCharges - 1, Ct);
        await InsertTransactionAsync(database, "credit:one", LedgerTransactionKind.Credit, "funds",
            [(LedgerAccounts.Deposits, -10_000), (LedgerAccounts.User(Account), 10_000)]);
        var old = await InsertOldChargeAsync(database, "gen-old-1", providerCost: 100, markup: 0, keyId: null);
        await database.ExecuteAsync($"""
            INSERT INTO ledger_balances (account, balance) VALUES
                ('{LedgerAccounts.User(Account)}', 9900), ('{LedgerAccounts.Deposits}', -10000), ('{LedgerAccounts.ProviderCost}', 100)
            """, Ct);
        var node = NewNode(database);
        await node.Migrator.MigrateAsync(Ct);

        await node.Ledger.CommitChargesAsync([Books.Pending(Books.Charge(Account, 10))], Ct);
        await node.Ledger.PostAsync(Books.Credit(Account, 5), Ct);
        await node.Ledger.CommitChargesAsync([Books.Pending(Books.Charge(Account, 20)), Books.Pending(Books.Charge(Account, 30))], Ct);

        var sequences = (await node.Queries.ListJournalAsync(new JournalQuery(Account), Ct)).Select(e => e.Sequence).ToList();
        Assert.Equal(6, sequences.Count);
        Assert.Equal(old, sequences[1]);
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
        Assert.True((await node.Queries.ReconcileAsync(Ct)).IsBalanced);
    }

    [Fact]
    public async Task MigrateAsync_ChargeWhosePostingsDisagreeWithItsRow_FailsAndChangesNothing()
    {
        var database = await Backend.CreateDatabaseAsync(migrated: false);
        await database.MigrateUpToAsync(CompactCharges - 1, Ct);
        var sequence = await InsertOldChargeAsync(database, "gen-old-1", providerCost: 1_200, markup: 180, keyId: null);
        await database.ExecuteAsync($"UPDATE ledger_postings SET amount = 1100 WHERE transaction_sequence = {sequence} AND account = '{LedgerAccounts.ProviderCost}'", Ct);

        await Assert.ThrowsAnyAsync<DbException>(() => NewNode(database).Migrator.MigrateAsync(Ct));

        Assert.Equal(0L, await database.ScalarInt64Async($"SELECT COUNT(*) FROM schema_migrations WHERE version = {CompactCharges}", Ct));
        Assert.Equal(3L, await database.CountAsync("ledger_postings", Ct));
        Assert.Equal(1L, await database.ScalarInt64Async("SELECT COUNT(*) FROM ledger_transactions WHERE kind = 1", Ct));
    }

    /// <summary>A posting row as the schema before 0005 stores it (the backends differ in whether legs are numbered).</summary>
    protected abstract string InsertPostingSql(long sequence, int leg, string account, long amount);

    private async Task<long> InsertTransactionAsync(TestDatabase database, string reference, LedgerTransactionKind kind, string? memo, (string Account, long Amount)[] postings)
    {
        var sequence = await database.ScalarInt64Async($"""
            INSERT INTO ledger_transactions (reference, kind, created_at, memo)
            VALUES ('{reference}', {(int)kind}, {Books.At.ToUnixTimeMilliseconds()}, {(memo is null ? "NULL" : $"'{memo}'")})
            RETURNING sequence
            """, Ct);
        for (var leg = 0; leg < postings.Length; leg++)
        {
            await database.ExecuteAsync(InsertPostingSql(sequence, leg + 1, postings[leg].Account, postings[leg].Amount), Ct);
        }

        return sequence;
    }

    /// <summary>A charge as the code before 0005 recorded it: a transaction, its postings and a charge row.</summary>
    private async Task<long> InsertOldChargeAsync(TestDatabase database, string requestId, long providerCost, long markup, string? keyId)
    {
        var sequence = await InsertTransactionAsync(database, ChargeRecord.ReferenceFor(requestId), LedgerTransactionKind.Charge, null,
            [.. ChargeRecord.PostingsOf(Account, providerCost, markup).Select(p => (p.Account, p.Amount))]);
        await database.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO charges (request_id, transaction_sequence, account_id, key_id, model, provider, upstream_model, prompt_tokens,
                completion_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, provider_cost, markup, estimated, streamed, created_at, day)
            VALUES ('{requestId}', {sequence}, '{Account}', {(keyId is null ? "NULL" : $"'{keyId}'")}, 'gpt-4o-mini', 'openai', 'gpt-4o-mini-2024-07-18',
                1200, 340, 200, 50, 100, {providerCost}, {markup}, '0', '1', {Books.At.ToUnixTimeMilliseconds()}, '2025-06-01')
            """), Ct);
        return sequence;
    }

    /// <summary>Journal entries compared by value, postings included (records compare lists by reference).</summary>
    private sealed class JournalEntryComparer : IEqualityComparer<JournalEntry>
    {
        public static readonly JournalEntryComparer Instance = new();

        private static readonly Posting[] NoPostings = [];

        public bool Equals(JournalEntry? x, JournalEntry? y) =>
            x is not null && y is not null && x with { Postings = NoPostings } == y with { Postings = NoPostings } && x.Postings.SequenceEqual(y.Postings);

        public int GetHashCode(JournalEntry obj) => obj.Sequence.GetHashCode();
    }
}
