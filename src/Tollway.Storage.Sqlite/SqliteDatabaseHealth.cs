using Microsoft.Data.Sqlite;
using Tollway.Gateway.Platform.Storage;

namespace Tollway.Storage.Sqlite;

/// <summary>Readiness: the file opens and answers a query.</summary>
internal sealed class SqliteDatabaseHealth(SqliteDatabase database) : IDatabaseHealth
{
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        // Pooled connections keep a deleted or moved file open and go on answering from it, so the query alone would
        // report ready while every write lands in a file that is gone.
        if (!File.Exists(database.Path))
        {
            return false;
        }

        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM schema_migrations";
            return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
        }
        catch (SqliteException)
        {
            return false;
        }
    }
}
