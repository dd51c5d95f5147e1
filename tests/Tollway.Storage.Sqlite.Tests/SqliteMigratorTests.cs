using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Tollway.Storage.Sqlite.Tests;

public sealed class SqliteMigratorTests : IDisposable
{
    private readonly SqliteTestDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Migrations_EmbeddedScripts_AreNonEmptyAndStrictlyOrderedByVersion()
    {
        var migrations = SqliteMigrator.Migrations();

        Assert.NotEmpty(migrations);
        Assert.Equal(1, migrations[0].Version);
        for (var i = 1; i < migrations.Count; i++)
        {
            Assert.True(migrations[i].Version > migrations[i - 1].Version, $"{migrations[i].Name} is out of order");
        }

        Assert.All(migrations, m =>
        {
            Assert.StartsWith(m.Version.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "_", m.Name, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(m.Script));
        });
    }

    [Fact]
    public async Task MigrateAsync_FreshFile_AppliesEveryMigrationAndRecordsIt()
    {
        var database = _directory.NewDatabase();
        var migrations = SqliteMigrator.Migrations();

        var version = await new SqliteMigrator(database, _time).MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(migrations[^1].Version, version);
        var recorded = await RawSql.RowsAsync(database, "SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
        Assert.Equal(
            migrations.Select(m => (m.Version, m.Name, _time.GetUtcNow().ToUnixTimeMilliseconds())),
            recorded.Select(r => ((int)(long)r[0]!, (string)r[1]!, (long)r[2]!)));
        // SQLite's own tables (sqlite_sequence, made for AUTOINCREMENT) are not the schema's.
        var tables = await RawSql.RowsAsync(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        Assert.Equal(
            [
                "accounts", "api_keys", "balance_leases", "chain_blocks", "chain_cursors", "charges", "deposits", "key_spend", "ledger_balances",
                "ledger_postings", "ledger_transactions", "markups", "price_overrides", "request_log", "schema_migrations", "settings_versions",
                "used_signin_nonces", "wallets", "x402_authorizations",
            ],
            tables.Select(t => (string)t[0]!));
    }

    [Fact]
    public async Task MigrateAsync_FreshFile_LeavesTheFileInWalMode()
    {
        var database = _directory.NewDatabase();

        await new SqliteMigrator(database, _time).MigrateAsync(TestContext.Current.CancellationToken);

        // A plain connection, not one from SqliteDatabase: WAL must be a property of the file, not of a session. Disposing
        // the database closes its pooled connections (clearing every pool would disturb other tests' files).
        database.Dispose();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.Path, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_IsNoOpAndReturnsSameVersion()
    {
        var database = _directory.NewDatabase();
        var migrator = new SqliteMigrator(database, _time);
        var first = await migrator.MigrateAsync(TestContext.Current.CancellationToken);
        var before = await RawSql.RowsAsync(database, "SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
        _time.Advance(TimeSpan.FromHours(1));

        var second = await migrator.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(first, second);
        // Same rows and the original applied_at: nothing was re-run or re-recorded an hour later.
        Assert.Equivalent(before, await RawSql.RowsAsync(database, "SELECT version, name, applied_at FROM schema_migrations ORDER BY version"), strict: true);
    }

    [Fact]
    public async Task MigrateAsync_TwoMigratorsOnSameFileConcurrently_BothSucceedAndApplyOnce()
    {
        var database = _directory.NewDatabase("shared.db");
        // Holding the write lock on the new file lines both migrators up at the door, so they really do race.
        await using var blocker = await database.OpenAsync(TestContext.Current.CancellationToken);
        await using var writeLock = (SqliteTransaction)await blocker.BeginTransactionAsync(TestContext.Current.CancellationToken);
        // Two SqliteDatabase instances stand for two processes starting together against one file.
        var migrations = Enumerable.Range(0, 2)
            .Select(_ => new SqliteMigrator(new SqliteDatabase(database.Path), _time))
            .Select(m => Task.Run(() => m.MigrateAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken))
            .ToArray();
        // Nothing observable says both are waiting; too short a pause only makes the test weaker, never flaky.
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        await writeLock.RollbackAsync(TestContext.Current.CancellationToken);

        var versions = await Task.WhenAll(migrations);

        var expected = SqliteMigrator.Migrations()[^1].Version;
        Assert.All(versions, v => Assert.Equal(expected, v));
        Assert.Equal(SqliteMigrator.Migrations().Count, await RawSql.CountAsync(database, "schema_migrations"));
        Assert.Equal(0L, await RawSql.CountAsync(database, "accounts"));
    }
}
