using System.Globalization;
using Tollway.Gateway.Pipeline.RequestLog;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.RequestLog;

/// <summary><see cref="IRequestLogSink"/> on every backend: every column kept, and retried batches harmless.</summary>
public abstract class RequestLogSinkTests(StorageBackend backend) : StorageTests(backend)
{
    // Portable SQL: SQLite keeps the flag as 0/1, PostgreSQL as a boolean; both read it back as 1 or 0 here.
    private const string Select = """
        SELECT id, started_at, account_id, key_id, operation, model, provider, upstream_model, status, error_code,
            CASE WHEN stream THEN 1 ELSE 0 END, prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, duration_us,
            upstream_first_byte_us, request_bytes, response_bytes
        FROM request_log
        """;

    [Fact]
    public async Task WriteAsync_FullAndSparseEntries_StoresEveryColumn()
    {
        var full = new RequestLogEntry
        {
            Id = NewId(),
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
        var sparse = new RequestLogEntry { Id = NewId(), StartedAt = TestKeys.Epoch.AddSeconds(1), Operation = "embedding", Status = 401, DurationMicros = 12 };

        await Node.RequestLog.WriteAsync([full, sparse], Ct);

        Assert.Equal(Expected(full), await RowAsync(full.Id));
        Assert.Equal(Expected(sparse), await RowAsync(sparse.Id));
    }

    [Fact]
    public async Task WriteAsync_BatchRetriedAfterItCommitted_NeitherFailsNorDuplicates()
    {
        var first = new RequestLogEntry { Id = NewId(), StartedAt = TestKeys.Epoch, Operation = "chat", Status = 200 };
        var second = new RequestLogEntry { Id = NewId(), StartedAt = TestKeys.Epoch, Operation = "chat", Status = 500 };
        await Node.RequestLog.WriteAsync([first], Ct);

        // The writer retries a batch whose commit it could not confirm; the retry may carry more rows.
        await NewNode().RequestLog.WriteAsync([first with { Status = 299 }, second], Ct);

        Assert.Equal(1L, await Database.ScalarInt64Async($"SELECT COUNT(*) FROM request_log WHERE id = '{first.Id}'", Ct));
        Assert.Equal(200L, await Database.ScalarInt64Async($"SELECT status FROM request_log WHERE id = '{first.Id}'", Ct));
        Assert.Equal(500L, await Database.ScalarInt64Async($"SELECT status FROM request_log WHERE id = '{second.Id}'", Ct));
    }

    [Fact]
    public async Task WriteAsync_LargeBatch_WritesEveryRow()
    {
        var prefix = NewId();
        var entries = Enumerable.Range(0, 1_000).Select(i => new RequestLogEntry
        {
            Id = $"{prefix}-{i:D4}",
            StartedAt = TestKeys.Epoch.AddMilliseconds(i),
            Operation = "chat",
            Status = 200,
            PromptTokens = i,
        }).ToArray();

        await Node.RequestLog.WriteAsync(entries, Ct);

        Assert.Equal(1_000L, await Database.ScalarInt64Async($"SELECT COUNT(*) FROM request_log WHERE id LIKE '{prefix}-%'", Ct));
        Assert.Equal(499_500L, await Database.ScalarInt64Async($"SELECT SUM(prompt_tokens) FROM request_log WHERE id LIKE '{prefix}-%'", Ct));
    }

    [Fact]
    public async Task WriteAsync_EmptyBatch_WritesNothing()
    {
        var before = await Database.CountAsync("request_log", Ct);

        await Node.RequestLog.WriteAsync([], Ct);

        Assert.Equal(before, await Database.CountAsync("request_log", Ct));
    }

    private static string NewId() => "req_" + Guid.NewGuid().ToString("N");

    private async Task<object?[]> RowAsync(string id)
    {
        var row = Assert.Single(await Database.RowsAsync($"{Select} WHERE id = '{id}'", Ct));
        // Backends hand numbers back as int or long; compare them as long.
        return [.. row.Select(v => v is int or long or short ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : v)];
    }

    private static object?[] Expected(RequestLogEntry e) =>
    [
        e.Id, e.StartedAt.ToUnixTimeMilliseconds(), e.AccountId, e.KeyId, e.Operation, e.Model, e.Provider, e.UpstreamModel, (long)e.Status,
        e.ErrorCode, e.Stream ? 1L : 0L, (long?)e.PromptTokens, (long?)e.CompletionTokens, (long?)e.CachedTokens, (long?)e.ReasoningTokens,
        e.DurationMicros, e.UpstreamFirstByteMicros, e.RequestBytes, e.ResponseBytes,
    ];
}
