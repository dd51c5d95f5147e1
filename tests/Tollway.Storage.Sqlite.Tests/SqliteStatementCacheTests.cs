using Microsoft.Data.Sqlite;

namespace Tollway.Storage.Sqlite.Tests;

public sealed class SqliteStatementCacheTests : IDisposable
{
    private readonly SqliteTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Get_SameSqlTwice_HandsBackTheSameStatementAndOtherSqlAnother()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        var cache = database.StatementsOf(connection);

        var first = cache.Get("SELECT COUNT(*) FROM charges");
        var again = cache.Get("SELECT COUNT(*) FROM charges");
        var other = cache.Get("SELECT COUNT(*) FROM key_spend");

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task Get_StatementBoundBefore_HandsItBackWithNothingBound()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        var cache = database.StatementsOf(connection);
        var statement = cache.Get("SELECT COALESCE(?1, -1)");
        statement.Bind(1, 42);
        Assert.Equal(42, statement.ScalarInt64());

        // A caller that forgets a parameter gets NULL, as from a fresh statement, not the last caller's value.
        Assert.Equal(-1, cache.Get("SELECT COALESCE(?1, -1)").ScalarInt64());
    }

    [Fact]
    public async Task Get_AfterDispose_Throws()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        var cache = database.StatementsOf(connection);
        cache.Get("SELECT 1");

        cache.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cache.Get("SELECT 1"));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Get_TwoStatementsInOneText_IsRefused()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);

        // Only the first would ever run.
        Assert.Throws<ArgumentException>(() => database.StatementsOf(connection).Get("DELETE FROM key_spend; DELETE FROM charges"));
    }

    [Fact]
    public async Task Get_InvalidSql_ThrowsWhatACommandWould()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        var cache = database.StatementsOf(connection);

        var error = Assert.Throws<SqliteException>(() => cache.Get("SELECT id FROM nowhere"));

        Assert.Contains("no such table: nowhere", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, cache.Count);
    }
}
