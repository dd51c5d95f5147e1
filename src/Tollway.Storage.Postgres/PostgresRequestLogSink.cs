using Npgsql;
using NpgsqlTypes;
using Tollway.Gateway.Pipeline.RequestLog;

namespace Tollway.Storage.Postgres;

/// <summary>Writes a request log batch as one batch of inserts: one round trip and one (implicit) transaction.</summary>
internal sealed class PostgresRequestLogSink(NpgsqlDataSource dataSource) : IRequestLogSink
{
    // ON CONFLICT DO NOTHING: a batch retried after a failure that in fact committed must not fail on its own rows.
    private const string Insert = """
        INSERT INTO request_log (id, started_at, account_id, key_id, operation, model, provider, upstream_model, status,
            error_code, stream, prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, duration_us,
            upstream_first_byte_us, request_bytes, response_bytes, attempts)
        VALUES (@id, @started, @account, @key, @operation, @model, @provider, @upstream_model, @status,
            @error, @stream, @prompt, @completion, @cached, @reasoning, @duration, @first_byte, @request_bytes, @response_bytes, @attempts)
        ON CONFLICT (id) DO NOTHING
        """;

    public async Task WriteAsync(IReadOnlyList<RequestLogEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = PostgresSql.Batch(connection, null, entries.Select(Command));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(RequestLogEntry entry) => PostgresSql.Command(Insert,
        PostgresSql.Parameter("id", entry.Id),
        PostgresSql.Parameter("started", UnixTime.ToMillis(entry.StartedAt)),
        PostgresSql.Parameter("account", NpgsqlDbType.Text, entry.AccountId),
        PostgresSql.Parameter("key", NpgsqlDbType.Text, entry.KeyId),
        PostgresSql.Parameter("operation", entry.Operation),
        PostgresSql.Parameter("model", NpgsqlDbType.Text, entry.Model),
        PostgresSql.Parameter("provider", NpgsqlDbType.Text, entry.Provider),
        PostgresSql.Parameter("upstream_model", NpgsqlDbType.Text, entry.UpstreamModel),
        PostgresSql.Parameter("status", entry.Status),
        PostgresSql.Parameter("error", NpgsqlDbType.Text, entry.ErrorCode),
        PostgresSql.Parameter("stream", entry.Stream),
        PostgresSql.Parameter("prompt", NpgsqlDbType.Integer, entry.PromptTokens),
        PostgresSql.Parameter("completion", NpgsqlDbType.Integer, entry.CompletionTokens),
        PostgresSql.Parameter("cached", NpgsqlDbType.Integer, entry.CachedTokens),
        PostgresSql.Parameter("reasoning", NpgsqlDbType.Integer, entry.ReasoningTokens),
        PostgresSql.Parameter("duration", entry.DurationMicros),
        PostgresSql.Parameter("first_byte", NpgsqlDbType.Bigint, entry.UpstreamFirstByteMicros),
        PostgresSql.Parameter("request_bytes", entry.RequestBytes),
        PostgresSql.Parameter("response_bytes", entry.ResponseBytes),
        PostgresSql.Parameter("attempts", NpgsqlDbType.Text, entry.Attempts));
}
