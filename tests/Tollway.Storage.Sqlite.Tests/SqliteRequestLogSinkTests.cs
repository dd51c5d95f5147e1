using Tollway.Gateway.Pipeline.RequestLog;

namespace Tollway.Storage.Sqlite.Tests;

public sealed class SqliteRequestLogSinkTests : IDisposable
{
    private const string SelectAll = """
        SELECT id, started_at, account_id, key_id, operation, model, provider, upstream_model, status, error_code, stream,
            prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, duration_us, upstream_first_byte_us,
            request_bytes, response_bytes
        FROM request_log ORDER BY id
        """;

    private readonly SqliteTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task WriteAsync_FullAndSparseEntries_StoresEveryColumnWithItsSqlType()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var full = new RequestLogEntry
        {
            Id = "req_full",
            StartedAt = TestKeys.Epoch,
            AccountId = "acct_1",
            KeyId = "key_1",
            Operation = "chat",
            Model = "fast",
            Provider = "openai",
            UpstreamModel = "gpt-4o-mini-2024-07-18",
            Status = 200,
            ErrorCode = "none",
            Stream = true,
            PromptTokens = 1_234,
            CompletionTokens = 567,
            CachedTokens = 1_024,
            ReasoningTokens = 64,
            // Past int range: durations and byte counts are 64-bit and must not be truncated on the way in.
            DurationMicros = 5_000_000_000L,
            UpstreamFirstByteMicros = 250_000,
            RequestBytes = 3_000_000_000L,
            ResponseBytes = 4_096,
        };
        var sparse = new RequestLogEntry
        {
            Id = "req_sparse",
            StartedAt = TestKeys.Epoch.AddSeconds(1),
            Operation = "embedding",
            Status = 401,
            DurationMicros = 12,
        };

        await new SqliteRequestLogSink(database).WriteAsync([full, sparse], TestContext.Current.CancellationToken);

        var rows = await RawSql.RowsAsync(database, SelectAll);
        Assert.Equal(2, rows.Count);
        // GetValue yields long for INTEGER and string for TEXT, so this also catches a number stored as text.
        Assert.Equal(ExpectedRow(full), rows[0]);
        Assert.Equal(ExpectedRow(sparse), rows[1]);
    }

    [Fact]
    public async Task WriteAsync_SameBatchTwice_NeitherFailsNorDuplicates()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var sink = new SqliteRequestLogSink(database);
        var batch = Entries(3);
        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        // What the writer does when a commit succeeded but the acknowledgement was lost.
        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        Assert.Equal(3L, await RawSql.CountAsync(database, "request_log"));
    }

    [Fact]
    public async Task WriteAsync_RetriedBatchOverlappingEarlierRows_AddsOnlyTheNewOnes()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var sink = new SqliteRequestLogSink(database);
        var entries = Entries(5);
        await sink.WriteAsync(entries.Take(3).ToArray(), TestContext.Current.CancellationToken);

        await sink.WriteAsync([.. entries.Skip(1).Select(e => e with { Status = 599 })], TestContext.Current.CancellationToken);

        var rows = await RawSql.RowsAsync(database, "SELECT id, status FROM request_log ORDER BY id");
        // The first write of a row wins; a retry never rewrites history.
        Assert.Equal([200L, 200L, 200L, 599L, 599L], rows.Select(r => (long)r[1]!));
    }

    [Fact]
    public async Task WriteAsync_ThousandRowBatch_WritesEveryRow()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var batch = Entries(1_000);

        await new SqliteRequestLogSink(database).WriteAsync(batch, TestContext.Current.CancellationToken);

        Assert.Equal(1_000L, await RawSql.CountAsync(database, "request_log"));
        Assert.Equal(batch.Sum(e => e.ResponseBytes), await RawSql.ScalarAsync(database, "SELECT SUM(response_bytes) FROM request_log"));
        Assert.Equal(ExpectedRow(batch[^1]), (await RawSql.RowsAsync(database, SelectAll))[^1]);
    }

    [Fact]
    public async Task WriteAsync_BatchOfManyRows_LetsAWaitingWriterInBetweenItsTransactions()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var ct = TestContext.Current.CancellationToken;
        var writers = await database.HoldWritersAsync(ct);
        var logging = new SqliteRequestLogSink(database).WriteAsync(Entries(3 * SqliteRequestLogSink.RowsPerTransaction), ct);

        // A charge commit asks for the write lock after the log: it must not wait for the whole batch.
        var waiting = database.BeginWriteAsync(ct);
        writers.Dispose();
        long seen;
        await using (var write = await waiting)
        {
            seen = write.Statement("SELECT COUNT(*) FROM request_log").ScalarInt64();
        }

        await logging;
        Assert.Equal(SqliteRequestLogSink.RowsPerTransaction, seen);
        Assert.Equal(3L * SqliteRequestLogSink.RowsPerTransaction, await RawSql.CountAsync(database, "request_log"));
    }

    [Fact]
    public async Task WriteAsync_EmptyBatch_WritesNothing()
    {
        var database = await _directory.NewMigratedDatabaseAsync();

        await new SqliteRequestLogSink(database).WriteAsync([], TestContext.Current.CancellationToken);

        Assert.Equal(0L, await RawSql.CountAsync(database, "request_log"));
    }

    private static RequestLogEntry[] Entries(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new RequestLogEntry
        {
            // Zero-padded so ORDER BY id is insertion order.
            Id = $"req_{i:D6}",
            StartedAt = TestKeys.Epoch.AddMilliseconds(i),
            AccountId = "acct_1",
            KeyId = i % 2 == 0 ? "key_even" : null,
            Operation = "chat",
            Model = "fast",
            Status = 200,
            Stream = i % 3 == 0,
            PromptTokens = i,
            CompletionTokens = i * 2,
            DurationMicros = 1_000 + i,
            RequestBytes = 100 + i,
            ResponseBytes = 1_000 + i,
        }),
    ];

    private static object?[] ExpectedRow(RequestLogEntry e) =>
    [
        e.Id, e.StartedAt.ToUnixTimeMilliseconds(), e.AccountId, e.KeyId, e.Operation, e.Model, e.Provider, e.UpstreamModel,
        (long)e.Status, e.ErrorCode, e.Stream ? 1L : 0L, (long?)e.PromptTokens, (long?)e.CompletionTokens, (long?)e.CachedTokens,
        (long?)e.ReasoningTokens, e.DurationMicros, e.UpstreamFirstByteMicros, e.RequestBytes, e.ResponseBytes,
    ];
}
