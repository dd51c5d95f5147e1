using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Storage.Sqlite;

/// <summary>API keys in SQLite, as hashes; every change takes the next version so caches can follow the changes.</summary>
internal sealed class SqliteApiKeyStore(SqliteDatabase database) : IApiKeyStore
{
    private const string Columns = """
        id, account_id, name, key_hash, last_four, role, allowed_models, created_at, revoked_at, version,
        spend_limit, daily_spend_limit, monthly_spend_limit, requests_per_minute, tokens_per_minute, max_concurrent_requests, expires_at,
        maker_key_id
        """;

    public async Task<bool> InsertAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await InsertAsync(connection, transaction, key, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string? accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = accountId is null
            ? $"SELECT {Columns} FROM api_keys ORDER BY created_at, id"
            : $"SELECT {Columns} FROM api_keys WHERE account_id = $account ORDER BY created_at, id";
        if (accountId is not null)
        {
            command.Parameters.AddWithValue("$account", accountId);
        }

        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        var found = await ReadAllAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<ApiKeyRecord?> RevokeAsync(string id, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // An immediate transaction: the family read below cannot go stale before its keys are revoked.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var live in await ReadLiveFamilyAsync(connection, transaction, id, cancellationToken))
        {
            // One row at a time, so each revocation takes its own next version.
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE api_keys SET revoked_at = $at, version = (SELECT MAX(version) + 1 FROM api_keys) WHERE id = $id";
            update.Parameters.AddWithValue("$id", live);
            update.Parameters.AddWithValue("$at", UnixTime.ToMillis(revokedAt));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT {Columns} FROM api_keys WHERE id = $id";
        select.Parameters.AddWithValue("$id", id);
        var found = await ReadAllAsync(select, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<ApiKeyRecord?> UpdateLimitsAsync(string id, KeyLimits limits, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE api_keys
                SET spend_limit = $spend, daily_spend_limit = $daily, monthly_spend_limit = $monthly, requests_per_minute = $rpm,
                    tokens_per_minute = $tpm, max_concurrent_requests = $concurrent, expires_at = $expires,
                    version = (SELECT MAX(version) + 1 FROM api_keys)
                WHERE id = $id
                """;
            update.Parameters.AddWithValue("$id", id);
            AddLimits(update, limits);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT {Columns} FROM api_keys WHERE id = $id";
        select.Parameters.AddWithValue("$id", id);
        var found = await ReadAllAsync(select, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ReadChangesAsync(long afterVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys WHERE version > $after ORDER BY version";
        command.Parameters.AddWithValue("$after", afterVersion);
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>Inserts a key unless its maker is revoked; returns whether it did.</summary>
    internal static async Task<bool> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, ApiKeyRecord key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO api_keys ({Columns})
            SELECT $id, $account, $name, $hash, $last4, $role, $models, $created, $revoked, (SELECT COALESCE(MAX(version), 0) + 1 FROM api_keys),
                $spend, $daily, $monthly, $rpm, $tpm, $concurrent, $expires, $maker
            WHERE $maker IS NULL OR EXISTS (SELECT 1 FROM api_keys WHERE id = $maker AND revoked_at IS NULL)
            """;
        command.Parameters.AddWithValue("$id", key.Id);
        command.Parameters.AddWithValue("$account", key.AccountId);
        command.Parameters.AddWithValue("$name", key.Name);
        command.Parameters.AddWithValue("$hash", key.Hash.ToArray());
        command.Parameters.AddWithValue("$last4", key.LastFour);
        command.Parameters.AddWithValue("$role", (int)key.Role);
        command.Parameters.AddWithValue("$models", key.AllowedModels is null
            ? DBNull.Value
            : JsonSerializer.Serialize([.. key.AllowedModels], SqliteJsonContext.Default.StringArray));
        command.Parameters.AddWithValue("$created", UnixTime.ToMillis(key.CreatedAt));
        command.Parameters.AddWithValue("$revoked", UnixTime.ToDb(key.RevokedAt));
        command.Parameters.AddWithValue("$maker", (object?)key.MakerId ?? DBNull.Value);
        AddLimits(command, key.EffectiveLimits);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The ids of the key and of every key under it that are not revoked yet, oldest change first.</summary>
    private static async Task<List<string>> ReadLiveFamilyAsync(SqliteConnection connection, SqliteTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            WITH RECURSIVE family(id) AS (
                SELECT $id
                UNION
                SELECT k.id FROM api_keys k JOIN family f ON k.maker_key_id = f.id
            )
            SELECT k.id FROM api_keys k JOIN family f ON f.id = k.id WHERE k.revoked_at IS NULL ORDER BY k.version
            """;
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static void AddLimits(SqliteCommand command, KeyLimits limits)
    {
        command.Parameters.AddWithValue("$spend", (object?)limits.SpendLimit ?? DBNull.Value);
        command.Parameters.AddWithValue("$daily", (object?)limits.DailySpendLimit ?? DBNull.Value);
        command.Parameters.AddWithValue("$monthly", (object?)limits.MonthlySpendLimit ?? DBNull.Value);
        command.Parameters.AddWithValue("$rpm", (object?)limits.RequestsPerMinute ?? DBNull.Value);
        command.Parameters.AddWithValue("$tpm", (object?)limits.TokensPerMinute ?? DBNull.Value);
        command.Parameters.AddWithValue("$concurrent", (object?)limits.MaxConcurrentRequests ?? DBNull.Value);
        command.Parameters.AddWithValue("$expires", UnixTime.ToDb(limits.ExpiresAt));
    }

    private static KeyLimits? ReadLimits(SqliteDataReader reader)
    {
        long? Int64(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
        int? Int32(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
        var limits = new KeyLimits(Int64(10), Int64(11), Int64(12), Int32(13), Int32(14), Int32(15), Int64(16) is { } expires ? UnixTime.FromMillis(expires) : null);
        return limits == KeyLimits.None ? null : limits;
    }

    private static async Task<IReadOnlyList<ApiKeyRecord>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKeyRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                new KeyHash((byte[])reader.GetValue(3)),
                reader.GetString(4),
                (ApiKeyRole)reader.GetInt32(5),
                reader.IsDBNull(6) ? null : JsonSerializer.Deserialize(reader.GetString(6), SqliteJsonContext.Default.StringArray),
                UnixTime.FromMillis(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : UnixTime.FromMillis(reader.GetInt64(8)),
                reader.GetInt64(9),
                ReadLimits(reader),
                reader.IsDBNull(17) ? null : reader.GetString(17)));
        }

        return keys;
    }
}
