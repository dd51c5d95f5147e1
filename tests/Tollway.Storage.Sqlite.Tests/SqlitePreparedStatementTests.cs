using Microsoft.Data.Sqlite;

namespace Tollway.Storage.Sqlite.Tests;

public sealed class SqlitePreparedStatementTests : IDisposable
{
    private readonly SqliteTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ScalarInt64_QueryThatReturnedARow_LeavesNoReadTransactionBehind()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        await using var connection = await database.OpenAsync(Ct);
        await using var other = await database.OpenAsync(Ct);
        var count = database.StatementsOf(connection).Get("SELECT COUNT(*) FROM settings_versions WHERE name = 'pricing'");

        Assert.Equal(1, count.ScalarInt64());
        await ExecuteAsync(other, "INSERT INTO settings_versions (name, version) VALUES ('later', 1)");
        var (walPages, checkpointed) = await PassiveCheckpointAsync(other);

        // A statement left on its row would hold its snapshot open, and no checkpoint could copy what came after it.
        Assert.True(walPages > 0);
        Assert.Equal(walPages, checkpointed);
    }

    [Fact]
    public async Task ScalarInt64_NoRowOrNull_ReadsZero()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        await using var connection = await database.OpenAsync(Ct);
        var cache = database.StatementsOf(connection);

        Assert.Equal(0, cache.Get("SELECT version FROM settings_versions WHERE name = 'none'").ScalarInt64());
        Assert.Equal(0, cache.Get("SELECT NULL").ScalarInt64());
        Assert.Equal(long.MaxValue, cache.Get($"SELECT {long.MaxValue}").ScalarInt64());
    }

    [Fact]
    public async Task Execute_StepThatFails_ThrowsAndRunsAgainWithNewValues()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        await using var connection = await database.OpenAsync(Ct);
        var insert = database.StatementsOf(connection).Get("INSERT INTO settings_versions (name, version) VALUES (?1, ?2)");
        insert.Bind(1, (string?)null);
        insert.Bind(2, 1);

        var error = Assert.Throws<SqliteException>(() => insert.Execute());

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT: name is NOT NULL
        // Binding on a statement left half-way fails (SQLITE_MISUSE); this one was reset.
        insert.Bind(1, "next");
        insert.Bind(2, 2);
        Assert.Equal(1, insert.Execute());
        Assert.Equal(2L, await RawSql.ScalarAsync(database, "SELECT version FROM settings_versions WHERE name = 'next'"));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<(long WalPages, long Checkpointed)> PassiveCheckpointAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        return (reader.GetInt64(1), reader.GetInt64(2));
    }
}
