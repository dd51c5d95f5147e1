using Npgsql;
using NpgsqlTypes;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.Storage.Postgres;

/// <summary>
/// A batch's charge rows as one <c>INSERT … SELECT FROM unnest(…)</c>: a column per array, so the server parses and plans
/// one statement for the whole batch rather than one per charge. Each row takes its journal sequence from the
/// default (ledger_transactions' sequence), in the batch's order.
/// </summary>
internal static class PostgresChargeRows
{
    public static NpgsqlBatchCommand Insert(IReadOnlyList<PendingCharge> accepted)
    {
        var charges = new ChargeRecord[accepted.Count];
        for (var i = 0; i < charges.Length; i++)
        {
            charges[i] = accepted[i].Charge;
        }

        return PostgresSql.Command("""
            INSERT INTO charges (request_id, account_id, key_id, model, provider, upstream_model, prompt_tokens, completion_tokens,
                cached_tokens, cache_write_tokens, reasoning_tokens, provider_cost, markup, estimated, streamed, created_at, day)
            SELECT request_id, account_id, key_id, model, provider, upstream_model, prompt_tokens, completion_tokens,
                cached_tokens, cache_write_tokens, reasoning_tokens, provider_cost, markup, estimated, streamed, created_at, day
            FROM unnest(@request, @account, @key, @model, @provider, @upstream, @prompt, @completion, @cached, @cache_write, @reasoning,
                @cost, @markup, @estimated, @streamed, @created, @day) WITH ORDINALITY
                AS r (request_id, account_id, key_id, model, provider, upstream_model, prompt_tokens, completion_tokens,
                    cached_tokens, cache_write_tokens, reasoning_tokens, provider_cost, markup, estimated, streamed, created_at, day, position)
            ORDER BY position
            """,
            Texts("request", charges, c => c.RequestId),
            Texts("account", charges, c => c.AccountId),
            Texts("key", charges, c => c.KeyId),
            Texts("model", charges, c => c.Model),
            Texts("provider", charges, c => c.Provider),
            Texts("upstream", charges, c => c.UpstreamModel),
            Column("prompt", NpgsqlDbType.Integer, charges, c => c.PromptTokens),
            Column("completion", NpgsqlDbType.Integer, charges, c => c.CompletionTokens),
            Column("cached", NpgsqlDbType.Integer, charges, c => c.CachedTokens),
            Column("cache_write", NpgsqlDbType.Integer, charges, c => c.CacheWriteTokens),
            Column("reasoning", NpgsqlDbType.Integer, charges, c => c.ReasoningTokens),
            Column("cost", NpgsqlDbType.Bigint, charges, c => c.ProviderCost),
            Column("markup", NpgsqlDbType.Bigint, charges, c => c.Markup),
            Column("estimated", NpgsqlDbType.Boolean, charges, c => c.Estimated),
            Column("streamed", NpgsqlDbType.Boolean, charges, c => c.Streamed),
            Column("created", NpgsqlDbType.Bigint, charges, c => UnixTime.ToMillis(c.CreatedAt)),
            Column("day", NpgsqlDbType.Date, charges, c => UnixTime.Day(c.CreatedAt)));
    }

    private static NpgsqlParameter<string?[]> Texts(string name, ChargeRecord[] charges, Func<ChargeRecord, string?> value) =>
        Column(name, NpgsqlDbType.Text, charges, value);

    private static NpgsqlParameter<T[]> Column<T>(string name, NpgsqlDbType type, ChargeRecord[] charges, Func<ChargeRecord, T> value) =>
        new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | type) { TypedValue = Array.ConvertAll(charges, c => value(c)) };
}
