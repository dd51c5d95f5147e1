using Microsoft.Data.Sqlite;
using Tollway.Gateway.Storage;

namespace Tollway.Storage.Sqlite;

/// <summary>Readiness: the file opens and answers a query.</summary>
internal sealed class SqliteDatabaseHealth(SqliteDatabase database) : IDatabaseHealth
{
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
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
