using Microsoft.Data.Sqlite;
using Tollway.Gateway.Platform.Storage;
using Tollway.Storage.Relational;

namespace Tollway.Storage.Sqlite;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_name.sql</c> scripts in order, each in one immediate transaction that
/// first checks it was not applied meanwhile, so several processes starting together migrate exactly once.
/// </summary>
internal sealed class SqliteMigrator(SqliteDatabase database, TimeProvider timeProvider) : IDatabaseMigrator
{
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);",
            cancellationToken);

        var current = 0;
        foreach (var (version, name, script) in Migrations())
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = $version";
                check.Parameters.AddWithValue("$version", version);
                if ((long)(await check.ExecuteScalarAsync(cancellationToken))! > 0)
                {
                    current = version;
                    continue;
                }
            }

            await ExecuteAsync(connection, transaction, script, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at)";
                record.Parameters.AddWithValue("$version", version);
                record.Parameters.AddWithValue("$name", name);
                record.Parameters.AddWithValue("$at", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            current = version;
        }

        return current;
    }

    /// <summary>The embedded scripts, ordered by their number.</summary>
    internal static IReadOnlyList<(int Version, string Name, string Script)> Migrations() => EmbeddedMigrations.Of(typeof(SqliteMigrator).Assembly);

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
