
namespace Tollway.Storage.Sqlite;

/// <summary>The SQLite storage's log messages (event ids 4xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Warning, "Checkpointing the SQLite WAL failed; retrying on the next round")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception);
}
