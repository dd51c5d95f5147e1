using Microsoft.Data.Sqlite;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Identifiers;

namespace Tollway.Storage.Sqlite.Tests;

/// <summary>
/// The charge batch on the statements it keeps per native connection; what a batch writes is checked on every backend
/// by Tollway.Storage.Tests (ChargeBatchTests).
/// </summary>
public sealed class SqliteChargeBatchTests : IDisposable
{
    private readonly SqliteTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commit_BatchThatFailsHalfWay_RollsBackAndTheNextBatchOnTheSameConnectionCommits()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var ledger = new SqliteLedgerStore(database, TimeProvider.System);
        var account = await FundedAccountAsync(ledger, 10_000);
        var first = Charge(account, providerCost: 1_000);
        // Within the balance, but the charges table's CHECK refuses a negative provider cost: the insert's step fails
        // after the first charge's row is written.
        var refused = Charge(account, providerCost: -100, markup: 200);
        SQLitePCL.sqlite3? handle;
        await using (var write = await database.BeginWriteAsync(Ct))
        {
            handle = write.Connection.Handle;
            var error = Assert.Throws<SqliteException>(() => new SqliteChargeBatch(write, TimeProvider.System.GetUtcNow()).Commit([Pending(first), Pending(refused)], Ct));
            Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        }

        var second = Charge(account, providerCost: 500);
        PostOutcome[] outcomes;
        await using (var write = await database.BeginWriteAsync(Ct))
        {
            Assert.Same(handle, write.Connection.Handle);
            outcomes = new SqliteChargeBatch(write, TimeProvider.System.GetUtcNow()).Commit([Pending(first), Pending(second)], Ct);
            await write.CommitAsync(Ct);
        }

        // The first charge was rolled back with its batch, so it posts now rather than count as a duplicate.
        Assert.Equal([PostOutcome.Posted, PostOutcome.Posted], outcomes);
        Assert.Equal(10_000 - 1_500, await ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        var credit = (long)(await RawSql.ScalarAsync(database, "SELECT MAX(sequence) FROM ledger_transactions"))!;
        Assert.Equal(
            new object?[][] { [first.RequestId, credit + 1], [second.RequestId, credit + 2] },
            await RawSql.RowsAsync(database, "SELECT request_id, sequence FROM charges ORDER BY sequence"));
    }

    [Fact]
    public async Task Commit_SecondBatchOnTheSameConnection_PreparesNoStatementAgain()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var ledger = new SqliteLedgerStore(database, TimeProvider.System);
        var account = await FundedAccountAsync(ledger, 10_000);
        await ledger.AcquireLeaseAsync(account, "node-a", 0, 1_000, TimeProvider.System.GetUtcNow().AddHours(1), Ct);
        await ledger.AcquireLeaseAsync(account, "node-b", 0, 5_000, TimeProvider.System.GetUtcNow().AddHours(1), Ct);
        SqliteStatementCache statements;
        int prepared;
        await using (var write = await database.BeginWriteAsync(Ct))
        {
            // An insufficient-funds charge too, beyond its lease and what node-b leaves free, so the batch asks for every
            // statement it has.
            new SqliteChargeBatch(write, TimeProvider.System.GetUtcNow()).Commit([Pending(Charge(account, 100, keyId: "key_a")), Pending(Charge(account, 9_000))], Ct);
            await write.CommitAsync(Ct);
            statements = database.StatementsOf(write.Connection);
            prepared = statements.Count;
        }

        await using (var write = await database.BeginWriteAsync(Ct))
        {
            Assert.Same(statements, database.StatementsOf(write.Connection));
            new SqliteChargeBatch(write, TimeProvider.System.GetUtcNow()).Commit([Pending(Charge(account, 200, keyId: "key_b")), Pending(Charge(account, 9_000))], Ct);
            await write.CommitAsync(Ct);
        }

        // The sequence, a balance, the lease, the account's leases, the insert, the duplicate check, the customer's
        // balance, the system accounts' balances, the lease's shrinking and the key's spend.
        Assert.Equal(10, prepared);
        Assert.Equal(prepared, statements.Count);
        Assert.Equal(10_000 - 300, await ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
    }

    private static async Task<string> FundedAccountAsync(SqliteLedgerStore ledger, long amount)
    {
        var account = RandomIds.New(Account.IdPrefix);
        var credit = LedgerTransaction.Transfer("credit:" + Guid.NewGuid().ToString("N"), LedgerTransactionKind.Credit, TestKeys.Epoch,
            LedgerAccounts.Deposits, LedgerAccounts.User(account), amount, "test credit");
        Assert.Equal(PostOutcome.Posted, await ledger.PostAsync(credit, Ct));
        return account;
    }

    private static ChargeRecord Charge(string accountId, long providerCost, long markup = 0, string? keyId = null) => new()
    {
        RequestId = "gen-" + Guid.NewGuid().ToString("N"),
        AccountId = accountId,
        KeyId = keyId,
        Model = "gpt-4o-mini",
        Provider = "openai",
        UpstreamModel = "gpt-4o-mini-2024-07-18",
        PromptTokens = 1_200,
        CompletionTokens = 340,
        ProviderCost = providerCost,
        Markup = markup,
        CreatedAt = TestKeys.Epoch,
    };

    private static PendingCharge Pending(ChargeRecord charge) => new(charge, "node-a", 1);
}
