using Tollway.Gateway.Pipeline.RequestLog;

namespace Tollway.Storage.Sqlite;

/// <summary>Writes request log batches with one prepared statement, in transactions of a few dozen rows.</summary>
/// <remarks>
/// Rows are bound straight into SQLite through a statement kept on the connection (<see cref="SqliteWrite.Statement"/>),
/// as the charge batch does: with a command, the driver's parameter objects and their per-row boxing cost more than
/// SQLite's own insert, and this runs for every request the gateway serves (profile in bench/NOTES.md).
/// </remarks>
internal sealed class SqliteRequestLogSink(SqliteDatabase database) : IRequestLogSink
{
    // OR IGNORE: a batch retried after a failure that in fact committed must not fail on its own rows.
    private const string InsertSql = """
        INSERT OR IGNORE INTO request_log (id, started_at, account_id, key_id, operation, model, provider, upstream_model, status,
            error_code, stream, prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, duration_us,
            upstream_first_byte_us, request_bytes, response_bytes, attempts)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
        """;

    /// <summary>
    /// Rows per transaction. SQLite has one write lock, and a charge's commit, which its response waits for, queues
    /// behind a request-log transaction holding it: a batch of 512 rows would hold it for over 2 ms (4–5 µs a row,
    /// bench/Tollway.Benchmarks SqliteRequestLogWrite), a slice of 64 for about 0.3 ms. The writers take turns in order
    /// (<see cref="SqliteDatabase.BeginWriteAsync"/>), so a charge waiting gets in between two slices.
    /// </summary>
    internal const int RowsPerTransaction = 64;

    public async Task WriteAsync(IReadOnlyList<RequestLogEntry> entries, CancellationToken cancellationToken)
    {
        for (var start = 0; start < entries.Count; start += RowsPerTransaction)
        {
            await using var write = await database.BeginWriteAsync(cancellationToken);
            var insert = write.Statement(InsertSql);
            var end = Math.Min(start + RowsPerTransaction, entries.Count);
            for (var i = start; i < end; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Insert(insert, entries[i]);
            }

            await write.CommitAsync(cancellationToken);
        }
    }

    private static void Insert(SqlitePreparedStatement statement, RequestLogEntry entry)
    {
        statement.Bind(1, entry.Id);
        statement.Bind(2, UnixTime.ToMillis(entry.StartedAt));
        statement.Bind(3, entry.AccountId);
        statement.Bind(4, entry.KeyId);
        statement.Bind(5, entry.Operation);
        statement.Bind(6, entry.Model);
        statement.Bind(7, entry.Provider);
        statement.Bind(8, entry.UpstreamModel);
        statement.Bind(9, entry.Status);
        statement.Bind(10, entry.ErrorCode);
        statement.Bind(11, entry.Stream ? 1 : 0);
        statement.Bind(12, entry.PromptTokens);
        statement.Bind(13, entry.CompletionTokens);
        statement.Bind(14, entry.CachedTokens);
        statement.Bind(15, entry.ReasoningTokens);
        statement.Bind(16, entry.DurationMicros);
        statement.Bind(17, entry.UpstreamFirstByteMicros);
        statement.Bind(18, entry.RequestBytes);
        statement.Bind(19, entry.ResponseBytes);
        statement.Bind(20, entry.Attempts);
        statement.Execute();
    }
}
