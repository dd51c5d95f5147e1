using Npgsql;
using Tollway.Gateway.Platform.Storage;

namespace Tollway.Storage.Postgres;

/// <summary>Readiness: the server answers and the schema is there.</summary>
internal sealed class PostgresDatabaseHealth(NpgsqlDataSource dataSource) : IDatabaseHealth
{
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Not only "SELECT 1": a server that answers but was never migrated (or was restored empty) cannot serve.
            await using var command = dataSource.CreateCommand("SELECT COUNT(*) FROM schema_migrations");
            return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
        }
        catch (NpgsqlException)
        {
            // Refused connections, a server shutting down and a missing table all mean "not ready", not a crash.
            return false;
        }
    }
}
