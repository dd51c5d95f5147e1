using Microsoft.Data.Sqlite;
using Tollway.Gateway.RequestLog;

namespace Tollway.Storage.Sqlite;

/// <summary>Writes request log batches with one prepared statement in one transaction.</summary>
internal sealed class SqliteRequestLogSink(SqliteDatabase database) : IRequestLogSink
{
    private static readonly string[] ParameterNames =
    [
        "$id", "$started", "$account", "$key", "$operation", "$model", "$provider", "$upstream_model", "$status", "$error", "$stream",
        "$prompt", "$completion", "$cached", "$reasoning", "$duration", "$first_byte", "$request_bytes", "$response_bytes", "$attempts",
    ];

    public async Task WriteAsync(IReadOnlyList<RequestLogEntry> entries, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await using var command = write.Connection.CreateCommand();
        command.Transaction = write.Transaction;
        // OR IGNORE: a batch retried after a failure that in fact committed must not fail on its own rows.
        command.CommandText = """
            INSERT OR IGNORE INTO request_log (id, started_at, account_id, key_id, operation, model, provider, upstream_model, status,
                error_code, stream, prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, duration_us,
                upstream_first_byte_us, request_bytes, response_bytes, attempts)
            VALUES ($id, $started, $account, $key, $operation, $model, $provider, $upstream_model, $status,
                $error, $stream, $prompt, $completion, $cached, $reasoning, $duration, $first_byte, $request_bytes, $response_bytes, $attempts)
            """;
        var parameters = ParameterNames.Select(name => command.Parameters.Add(name, SqliteType.Text)).ToArray();
        command.Prepare();

        foreach (var entry in entries)
        {
            object?[] values =
            [
                entry.Id, UnixTime.ToMillis(entry.StartedAt), entry.AccountId, entry.KeyId, entry.Operation, entry.Model, entry.Provider,
                entry.UpstreamModel, entry.Status, entry.ErrorCode, entry.Stream ? 1 : 0, entry.PromptTokens, entry.CompletionTokens,
                entry.CachedTokens, entry.ReasoningTokens, entry.DurationMicros, entry.UpstreamFirstByteMicros, entry.RequestBytes,
                entry.ResponseBytes, entry.Attempts,
            ];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].SqliteType = values[i] is string ? SqliteType.Text : SqliteType.Integer;
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await write.CommitAsync(cancellationToken);
    }
}
