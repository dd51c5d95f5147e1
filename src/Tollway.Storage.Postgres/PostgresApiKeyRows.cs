using Npgsql;
using NpgsqlTypes;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Storage.Postgres;

/// <summary>The SQL of API key rows, shared by the key store and the first account's bootstrap.</summary>
internal static class PostgresApiKeyRows
{
    public const string Columns = """
        id, account_id, name, key_hash, last_four, role, allowed_models, created_at, revoked_at, version,
        spend_limit, daily_spend_limit, monthly_spend_limit, requests_per_minute, tokens_per_minute, max_concurrent_requests, expires_at,
        maker_key_id
        """;

    /// <summary>The next version is read after the version lock is held (see <see cref="PostgresLocks.Exclusive"/>),
    /// so the statement must follow that lock in the same transaction.</summary>
    public const string NextVersion = "(SELECT COALESCE(MAX(version), 0) + 1 FROM api_keys)";

    /// <summary>Inserts the key unless its maker is revoked (then it affects no row). It follows the version lock, which
    /// revocations take too, so a maker revoked by a transaction that committed first is seen revoked here.</summary>
    public static NpgsqlBatchCommand Insert(ApiKeyRecord key)
    {
        var command = PostgresSql.Command($"""
            INSERT INTO api_keys ({Columns})
            SELECT @id, @account, @name, @hash, @last4, @role, @models, @created, @revoked, {NextVersion},
                @spend, @daily, @monthly, @rpm, @tpm, @concurrent, @expires, @maker
            WHERE @maker IS NULL OR EXISTS (SELECT 1 FROM api_keys WHERE id = @maker AND revoked_at IS NULL)
            """,
            PostgresSql.Parameter("id", key.Id),
            PostgresSql.Parameter("account", key.AccountId),
            PostgresSql.Parameter("name", key.Name),
            PostgresSql.Parameter("hash", key.Hash.ToArray()),
            PostgresSql.Parameter("last4", key.LastFour),
            PostgresSql.Parameter("role", (int)key.Role),
            PostgresSql.Parameter("models", NpgsqlDbType.Array | NpgsqlDbType.Text, key.AllowedModels?.ToArray()),
            PostgresSql.Parameter("created", UnixTime.ToMillis(key.CreatedAt)),
            PostgresSql.Parameter("revoked", NpgsqlDbType.Bigint, UnixTime.ToDb(key.RevokedAt)),
            PostgresSql.Parameter("maker", NpgsqlDbType.Text, key.MakerId));
        AddLimits(command, key.EffectiveLimits);
        return command;
    }

    public static void AddLimits(NpgsqlBatchCommand command, KeyLimits limits)
    {
        command.Parameters.Add(PostgresSql.Parameter("spend", NpgsqlDbType.Bigint, limits.SpendLimit));
        command.Parameters.Add(PostgresSql.Parameter("daily", NpgsqlDbType.Bigint, limits.DailySpendLimit));
        command.Parameters.Add(PostgresSql.Parameter("monthly", NpgsqlDbType.Bigint, limits.MonthlySpendLimit));
        command.Parameters.Add(PostgresSql.Parameter("rpm", NpgsqlDbType.Integer, limits.RequestsPerMinute));
        command.Parameters.Add(PostgresSql.Parameter("tpm", NpgsqlDbType.Integer, limits.TokensPerMinute));
        command.Parameters.Add(PostgresSql.Parameter("concurrent", NpgsqlDbType.Integer, limits.MaxConcurrentRequests));
        command.Parameters.Add(PostgresSql.Parameter("expires", NpgsqlDbType.Bigint, UnixTime.ToDb(limits.ExpiresAt)));
    }

    /// <summary>Reads every row of the reader's current result.</summary>
    public static async Task<List<ApiKeyRecord>> ReadAllAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKeyRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                new KeyHash(reader.GetFieldValue<byte[]>(3)),
                reader.GetString(4),
                (ApiKeyRole)reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<string[]>(6),
                UnixTime.FromMillis(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : UnixTime.FromMillis(reader.GetInt64(8)),
                reader.GetInt64(9),
                ReadLimits(reader),
                reader.IsDBNull(17) ? null : reader.GetString(17)));
        }

        return keys;
    }

    private static KeyLimits? ReadLimits(NpgsqlDataReader reader)
    {
        long? Int64(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
        int? Int32(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
        var limits = new KeyLimits(Int64(10), Int64(11), Int64(12), Int32(13), Int32(14), Int32(15), Int64(16) is { } expires ? UnixTime.FromMillis(expires) : null);
        return limits == KeyLimits.None ? null : limits;
    }
}
