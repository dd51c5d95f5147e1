using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Tollway.Storage.Sqlite.Tests;

public sealed class SqliteCheckpointerTests : IDisposable
{
    private readonly SqliteTestDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task StartAsync_ConnectionsOpenedWhileItRuns_LeaveCheckpointsToIt()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        using var checkpointer = new SqliteCheckpointer(database, _time, NullLogger<SqliteCheckpointer>.Instance);
        Assert.Equal(1000L, await RawSql.ScalarAsync(database, "PRAGMA wal_autocheckpoint"));

        await checkpointer.StartAsync(TestContext.Current.CancellationToken);
        var whileRunning = await RawSql.ScalarAsync(database, "PRAGMA wal_autocheckpoint");
        await checkpointer.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0L, whileRunning);
        // The same pooled connections checkpoint on commit again once it stopped.
        Assert.Equal(1000L, await RawSql.ScalarAsync(database, "PRAGMA wal_autocheckpoint"));
    }

    [Fact]
    public async Task CheckpointAsync_CommitsLeftToIt_AreCopiedIntoTheDatabaseAndTheWalStartsOver()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        using var checkpointer = new SqliteCheckpointer(database, _time, NullLogger<SqliteCheckpointer>.Instance);
        await checkpointer.StartAsync(TestContext.Current.CancellationToken);
        await CommitAsync(database, 2_000);

        var (walPages, checkpointed) = await checkpointer.CheckpointAsync(TestContext.Current.CancellationToken);
        await CommitAsync(database, 1);
        var (walPagesAfterNextCommit, _) = await checkpointer.CheckpointAsync(TestContext.Current.CancellationToken);
        await checkpointer.StopAsync(TestContext.Current.CancellationToken);

        Assert.True(walPages > 10, $"only {walPages} WAL pages: the commits checkpointed by themselves");
        Assert.Equal(walPages, checkpointed);
        // Everything was checkpointed, so the next commit wrote the WAL from its beginning again.
        Assert.InRange(walPagesAfterNextCommit, 1, 10);
        Assert.Equal(2_001L, await RawSql.CountAsync(database, "key_spend"));
    }

    [Fact]
    public async Task CheckpointAsync_LargeWalItCouldNotFinish_FinishesOnceThisProcessesWriterIsOut()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await _directory.NewMigratedDatabaseAsync();
        using var checkpointer = new SqliteCheckpointer(database, _time, NullLogger<SqliteCheckpointer>.Instance);
        await checkpointer.StartAsync(ct);
        // Rows of about a page each, past the restart size; then a reader whose snapshot keeps the passive pass from
        // copying what is committed after it, as a stream of commits keeps it from reaching the WAL's end.
        await CommitAsync(database, (int)SqliteCheckpointer.RestartPages + 100, padding: 3_000);
        await using var reader = await database.OpenAsync(ct);
        await using var snapshot = reader.BeginTransaction(deferred: true);
        await using (var read = reader.CreateCommand())
        {
            read.Transaction = snapshot;
            read.CommandText = "SELECT COUNT(*) FROM key_spend";
            await read.ExecuteScalarAsync(ct);
        }

        await CommitAsync(database, 10);
        var writer = await database.BeginWriteAsync(ct);

        var checkpoint = checkpointer.CheckpointAsync(ct);
        // Nothing observable says it is waiting; too short a pause only makes the test weaker, never flaky.
        await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        var waitedForTheWriter = !checkpoint.IsCompleted;
        snapshot.Rollback();
        await writer.DisposeAsync();
        var (walPages, checkpointed) = await checkpoint.WaitAsync(TimeSpan.FromSeconds(30), ct);
        await checkpointer.StopAsync(ct);

        Assert.True(waitedForTheWriter);
        Assert.True(walPages >= SqliteCheckpointer.RestartPages);
        Assert.Equal(walPages, checkpointed);
    }

    /// <summary>Commits rows one transaction each, as many small group commits would.</summary>
    private static async Task CommitAsync(SqliteDatabase database, int rows, int padding = 0)
    {
        for (var i = 0; i < rows; i++)
        {
            await using var write = await database.BeginWriteAsync(TestContext.Current.CancellationToken);
            await using var command = write.Connection.CreateCommand();
            command.Transaction = write.Transaction;
            command.CommandText = "INSERT INTO key_spend (key_id, day, amount, requests) VALUES ($key, '2025-06-01', 1, 1)";
            command.Parameters.AddWithValue("$key", Guid.NewGuid().ToString("N") + new string('x', padding));
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            await write.CommitAsync(TestContext.Current.CancellationToken);
        }
    }
}
