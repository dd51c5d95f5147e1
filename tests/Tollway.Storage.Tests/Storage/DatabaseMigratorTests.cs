using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Storage;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Storage;

/// <summary><see cref="IDatabaseMigrator"/> on every backend: once, in order, and once only when nodes start together.</summary>
public abstract class DatabaseMigratorTests(StorageBackend backend) : StorageTests(backend)
{
    /// <summary>The schema both backends must end up with.</summary>
    private static readonly string[] Tables =
    [
        "accounts", "api_keys", "balance_leases", "chain_blocks", "chain_cursors", "charges", "deposits", "key_spend", "ledger_balances",
        "ledger_postings", "ledger_transactions", "markups", "price_overrides", "request_log", "schema_migrations", "settings_versions",
        "used_signin_nonces", "wallets", "x402_authorizations",
    ];

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_AppliesEveryMigrationAndRecordsIt()
    {
        var database = await Backend.CreateDatabaseAsync(migrated: false);

        var version = await NewNode(database).Migrator.MigrateAsync(Ct);

        Assert.Equal(database.Migrations[^1].Version, version);
        var recorded = await database.RowsAsync("SELECT version, name, applied_at FROM schema_migrations ORDER BY version", Ct);
        Assert.Equal(
            database.Migrations.Select(m => (m.Version, m.Name, Start.ToUnixTimeMilliseconds())),
            recorded.Select(r => (Convert.ToInt32(r[0], System.Globalization.CultureInfo.InvariantCulture), (string)r[1]!, Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(Tables, await database.ListTablesAsync(Ct));
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_IsNoOpAndReturnsSameVersion()
    {
        var database = await Backend.CreateDatabaseAsync(migrated: false);
        var migrator = NewNode(database).Migrator;
        var first = await migrator.MigrateAsync(Ct);
        var before = await database.RowsAsync("SELECT version, name, applied_at FROM schema_migrations ORDER BY version", Ct);
        Time.Advance(TimeSpan.FromHours(1));

        var second = await migrator.MigrateAsync(Ct);

        Assert.Equal(first, second);
        // Same rows and the original applied_at: nothing was re-run or re-recorded an hour later.
        Assert.Equivalent(before, await database.RowsAsync("SELECT version, name, applied_at FROM schema_migrations ORDER BY version", Ct), strict: true);
    }

    [Fact]
    public async Task MigrateAsync_DataPresent_KeepsIt()
    {
        var database = await Backend.CreateDatabaseAsync();
        var node = NewNode(database);
        var account = TestKeys.NewAccount();
        await node.Accounts.InsertAsync(account, Ct);
        await node.Ledger.PostAsync(Books.Credit(account.Id, 42), Ct);

        await NewNode(database).Migrator.MigrateAsync(Ct);

        Assert.NotNull(await node.Accounts.FindAsync(account.Id, Ct));
        Assert.Equal(42, await node.Ledger.GetBalanceAsync(LedgerAccounts.User(account.Id), Ct));
    }

    [Fact]
    public async Task MigrateAsync_FourNodesAtOnceOnAnEmptyDatabase_AllSucceedAndApplyOnce()
    {
        var database = await Backend.CreateDatabaseAsync(migrated: false);
        var migrations = new List<Task<int>>();
        // Holding the door on the empty database lines the migrators up behind it, so they really do race.
        await using (await database.HoldLockAsync(StorageLock.Migrations, Ct))
        {
            for (var i = 0; i < 4; i++)
            {
                var migrator = NewNode(database).Migrator;
                migrations.Add(Task.Run(() => migrator.MigrateAsync(Ct), Ct));
            }

            // Nothing observable says all are waiting; too short a pause only makes the test weaker, never flaky.
            await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        }

        var versions = await Task.WhenAll(migrations);

        Assert.All(versions, v => Assert.Equal(database.Migrations[^1].Version, v));
        Assert.Equal(database.Migrations.Count, await database.CountAsync("schema_migrations", Ct));
        Assert.Equal(1L, await database.CountAsync("settings_versions", Ct));
        Assert.Equal(Tables, await database.ListTablesAsync(Ct));
    }
}
