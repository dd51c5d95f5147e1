using Microsoft.Data.Sqlite;

namespace Tollway.Storage.Sqlite;

/// <summary>
/// Checkpoints the WAL (copies committed pages into the database file and syncs both) in the background, every
/// <see cref="Interval"/>, instead of on the commit that happens to pass a thousand pages. The charge writer's commits
/// then never wait for a checkpoint's copying and two fsyncs, which on a busy disk stalled a whole group commit; and
/// commits are synced within an interval at any traffic, not only once a thousand pages have gathered.
/// </summary>
/// <remarks>
/// A passive checkpoint runs beside the writers and copies what was committed when it started. Under a steady stream of
/// commits it never catches up with the WAL's end, and the WAL starts over from its beginning only after a checkpoint
/// that did; so once the WAL passes <see cref="RestartPages"/>, the checkpoint finishes its last few pages while this
/// process's writers wait their turn.
/// </remarks>
internal sealed class SqliteCheckpointer(SqliteDatabase database, TimeProvider timeProvider, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Pages (4 KB) of WAL beyond which a checkpoint finishes in the writers' turn: about 16 MB.</summary>
    public const long RestartPages = 4_000;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        database.CheckpointsInBackground = true;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Commits checkpoint for themselves again; this one leaves what the process committed in the database file.
        database.CheckpointsInBackground = false;
        await RunSafelyAsync(cancellationToken);
    }

    /// <summary>One checkpoint (also called by tests); the WAL's size in pages and how many of them are in the database file.</summary>
    public async Task<(long WalPages, long Checkpointed)> CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var (walPages, checkpointed) = await PassiveAsync(connection, cancellationToken);
        if (walPages >= RestartPages && checkpointed < walPages)
        {
            using (await database.HoldWritersAsync(cancellationToken))
            {
                (walPages, checkpointed) = await PassiveAsync(connection, cancellationToken);
            }
        }

        return (walPages, checkpointed);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunSafelyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CheckpointAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CheckpointFailed(logger, ex);
        }
    }

    private static async Task<(long WalPages, long Checkpointed)> PassiveAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        // Columns: whether it was blocked, the WAL's pages, the pages now in the database file (-1, -1 outside WAL mode).
        return (reader.GetInt64(1), reader.GetInt64(2));
    }
}
