using Npgsql;
using Tollway.Gateway.Platform.Storage;
using Tollway.Storage.Relational;

namespace Tollway.Storage.Postgres;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_name.sql</c> scripts in order, each in its own transaction that first takes
/// the migration advisory lock and then checks the script was not applied meanwhile, so several nodes starting together
/// migrate exactly once (PostgreSQL's DDL is transactional: a failed script leaves nothing behind).
/// </summary>
internal sealed class PostgresMigrator(NpgsqlDataSource dataSource, TimeProvider timeProvider) : IDatabaseMigrator
{
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Under the lock too: two concurrent CREATE TABLE IF NOT EXISTS can both miss the table and one then fails.
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var create = PostgresSql.Batch(connection, transaction, [
                PostgresLocks.Exclusive(PostgresLocks.Migrations),
                PostgresSql.Command("CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)"),
            ]);
            await create.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var current = 0;
        foreach (var (version, name, script) in Migrations())
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var check = PostgresSql.Batch(connection, transaction, [
                PostgresLocks.Exclusive(PostgresLocks.Migrations),
                PostgresSql.Command("SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = @version)", PostgresSql.Parameter("version", version)),
            ]))
            await using (var reader = await check.ExecuteReaderAsync(cancellationToken))
            {
                await reader.NextResultAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                if (reader.GetBoolean(0))
                {
                    current = version;
                    continue;
                }
            }

            // A script is several statements; a plain command without parameters runs them in order.
            await using (var apply = new NpgsqlCommand(script, connection, transaction))
            {
                await apply.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)", connection, transaction))
            {
                record.Parameters.Add(PostgresSql.Parameter("version", version));
                record.Parameters.Add(PostgresSql.Parameter("name", name));
                record.Parameters.Add(PostgresSql.Parameter("at", timeProvider.GetUtcNow().ToUnixTimeMilliseconds()));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            current = version;
        }

        return current;
    }

    /// <summary>The embedded scripts, ordered by their number.</summary>
    internal static IReadOnlyList<(int Version, string Name, string Script)> Migrations() => EmbeddedMigrations.Of(typeof(PostgresMigrator).Assembly);
}
