using Npgsql;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Storage.Postgres;

/// <summary>
/// API keys in PostgreSQL, as hashes. Every change takes the key version lock and then the next version, so versions
/// are unique, consecutive and become visible in order: a cache that read up to version n never misses a change
/// numbered below n that commits later. Each change is one batch, so one round trip.
/// </summary>
internal sealed class PostgresApiKeyStore(NpgsqlDataSource dataSource) : IApiKeyStore
{
    public async Task<bool> InsertAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var insert = PostgresApiKeyRows.Insert(key);
        await using var batch = PostgresSql.Batch(connection, null, [PostgresLocks.Exclusive(PostgresLocks.KeyVersions), insert]);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return insert.RecordsAffected == 1;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string? accountId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(accountId is null
            ? $"SELECT {PostgresApiKeyRows.Columns} FROM api_keys ORDER BY created_at, id COLLATE \"C\""
            : $"SELECT {PostgresApiKeyRows.Columns} FROM api_keys WHERE account_id = @account ORDER BY created_at, id COLLATE \"C\"");
        if (accountId is not null)
        {
            command.Parameters.Add(PostgresSql.Parameter("account", accountId));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await PostgresApiKeyRows.ReadAllAsync(reader, cancellationToken);
    }

    public async Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {PostgresApiKeyRows.Columns} FROM api_keys WHERE id = @id");
        command.Parameters.Add(PostgresSql.Parameter("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = await PostgresApiKeyRows.ReadAllAsync(reader, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<ApiKeyRecord?> RevokeAsync(string id, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        // Only live keys change: revoking twice keeps the first time and does not wake every node's cache again. The
        // statement reads one snapshot, so the next version is counted once and each key of the family adds its rank.
        UpdateAsync(id, PostgresSql.Command($"""
            WITH RECURSIVE family AS (
                SELECT @id::text AS id
                UNION
                SELECT k.id FROM api_keys k JOIN family f ON k.maker_key_id = f.id
            ), live AS (
                SELECT k.id, row_number() OVER (ORDER BY k.version) AS rank
                FROM api_keys k JOIN family f ON f.id = k.id WHERE k.revoked_at IS NULL
            )
            UPDATE api_keys k SET revoked_at = @at, version = {PostgresApiKeyRows.NextVersion} - 1 + live.rank
            FROM live WHERE k.id = live.id
            """, PostgresSql.Parameter("id", id), PostgresSql.Parameter("at", UnixTime.ToMillis(revokedAt))), cancellationToken);

    public Task<ApiKeyRecord?> UpdateLimitsAsync(string id, KeyLimits limits, CancellationToken cancellationToken)
    {
        var update = PostgresSql.Command($"""
            UPDATE api_keys
            SET spend_limit = @spend, daily_spend_limit = @daily, monthly_spend_limit = @monthly, requests_per_minute = @rpm,
                tokens_per_minute = @tpm, max_concurrent_requests = @concurrent, expires_at = @expires,
                version = {PostgresApiKeyRows.NextVersion}
            WHERE id = @id
            """, PostgresSql.Parameter("id", id));
        PostgresApiKeyRows.AddLimits(update, limits);
        return UpdateAsync(id, update, cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ReadChangesAsync(long afterVersion, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {PostgresApiKeyRows.Columns} FROM api_keys WHERE version > @after ORDER BY version");
        command.Parameters.Add(PostgresSql.Parameter("after", afterVersion));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await PostgresApiKeyRows.ReadAllAsync(reader, cancellationToken);
    }

    /// <summary>Runs an update under the version lock and reads the row back, in one round trip.</summary>
    private async Task<ApiKeyRecord?> UpdateAsync(string id, NpgsqlBatchCommand update, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = PostgresSql.Batch(connection, null, [
            PostgresLocks.Exclusive(PostgresLocks.KeyVersions),
            update,
            PostgresSql.Command($"SELECT {PostgresApiKeyRows.Columns} FROM api_keys WHERE id = @id", PostgresSql.Parameter("id", id)),
        ]);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        // The lock's row comes first; the update returns none, so the next result is the key.
        await reader.NextResultAsync(cancellationToken);
        var found = await PostgresApiKeyRows.ReadAllAsync(reader, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }
}
