using System.Data.Common;

namespace Tollway.Gateway.Money.Ledger;

/// <summary>
/// A charge as both storage backends keep it: the columns of its row that make a <see cref="ChargeRecord"/>, and reading
/// them back. The queries stay in the storage projects.
/// </summary>
internal static class ChargeRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = """
        request_id, account_id, key_id, model, provider, upstream_model, prompt_tokens, completion_tokens, cached_tokens,
        cache_write_tokens, reasoning_tokens, provider_cost, markup, estimated, streamed, created_at
        """;

    /// <summary>The charge on the reader's current row, selected as <see cref="Columns"/>.</summary>
    public static ChargeRecord Read(DbDataReader reader) => new()
    {
        RequestId = reader.GetString(0),
        AccountId = reader.GetString(1),
        KeyId = reader.IsDBNull(2) ? null : reader.GetString(2),
        Model = reader.GetString(3),
        Provider = reader.GetString(4),
        UpstreamModel = reader.GetString(5),
        PromptTokens = reader.GetInt32(6),
        CompletionTokens = reader.GetInt32(7),
        CachedTokens = reader.GetInt32(8),
        CacheWriteTokens = reader.GetInt32(9),
        ReasoningTokens = reader.GetInt32(10),
        ProviderCost = reader.GetInt64(11),
        Markup = reader.GetInt64(12),
        // SQLite keeps a flag as 0 or 1, PostgreSQL as a boolean; both readers answer GetBoolean for their own.
        Estimated = reader.GetBoolean(13),
        Streamed = reader.GetBoolean(14),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(15)),
    };
}
