using BenchmarkDotNet.Attributes;
using Tollway.Benchmarks.Billing;
using Tollway.Gateway.Pipeline.RequestLog;

namespace Tollway.Benchmarks.RequestLog;

/// <summary>
/// The request log's database work per row: <see cref="IRequestLogSink.WriteAsync"/> on a SQLite file with batches of
/// <see cref="BatchSize"/> rows, as the request-log writer hands them over. Results read per row; a transaction of the
/// sink's (64 rows) holds SQLite's write lock, which charges wait for, for 64 times that.
/// </summary>
[MemoryDiagnoser]
[OperationsPerSecond]
[RunOncePerIteration]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class SqliteRequestLogWrite : BillingBenchmark
{
    public const int Rows = 32_768;

    private RequestLogEntry[][] _batches = [];
    private int _iteration;

    /// <summary>Rows per call, as the writer batches them.</summary>
    [Params(64, 512)]
    public int BatchSize { get; set; }

    [IterationSetup]
    public void MakeRows()
    {
        var iteration = _iteration++;
        var started = DateTimeOffset.UtcNow;
        _batches = [.. Enumerable.Range(0, Rows).Select(i => new RequestLogEntry
        {
            // Time-ordered, as request ids are, so rows append to the indexes as they do in the gateway.
            Id = $"gen-{iteration:D6}{i:D6}",
            StartedAt = started.AddTicks(i),
            AccountId = BillingNode.AccountId,
            KeyId = "key_bench",
            Operation = "chat",
            Model = "gpt-4o-mini",
            Provider = "openai",
            UpstreamModel = "gpt-4o-mini-2024-07-18",
            Status = 200,
            PromptTokens = 24,
            CompletionTokens = 12,
            DurationMicros = 180,
            UpstreamFirstByteMicros = 60,
            RequestBytes = 220,
            ResponseBytes = 480,
        }).Chunk(BatchSize)];
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task WriteRows()
    {
        foreach (var batch in _batches)
        {
            await Node.RequestLog.WriteAsync(batch, CancellationToken.None);
        }
    }
}
