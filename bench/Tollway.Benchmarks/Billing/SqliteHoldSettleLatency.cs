using BenchmarkDotNet.Attributes;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.Benchmarks.Billing;

/// <summary>
/// One hold + settle at a time on a SQLite ledger file: nothing else is queued, so every settle waits for a commit of
/// its own. This is the latency a request pays for its charge on an otherwise idle node.
/// </summary>
[MemoryDiagnoser]
[ThreadingDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class SqliteHoldSettleLatency : BillingBenchmark
{
    [Benchmark]
    public Task<ChargeRecord> HoldAndSettle() => HoldSettleWorkload.HoldAndSettleAsync(Book);
}
