using BenchmarkDotNet.Attributes;

namespace Tollway.Benchmarks.Billing;

/// <summary>
/// Hold + settle throughput with durable writes: <see cref="Workers"/> concurrent requests on one node and one account,
/// each holding its worst case and settling its real cost, which waits until the charge is committed by the group
/// commit writer. One invocation is <see cref="Operations"/> hold + settle pairs; results read per pair.
/// </summary>
[MemoryDiagnoser]
[ThreadingDiagnoser]
[OperationsPerSecond]
[RunOncePerIteration]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public abstract class HoldSettleThroughput : BillingBenchmark
{
    public const int Operations = 20_000;

    /// <summary>Requests in flight at once.</summary>
    [Params(64, 256, 1024)]
    public int Workers { get; set; }

    [Benchmark(OperationsPerInvoke = Operations)]
    public Task HoldAndSettle() => HoldSettleWorkload.RunConcurrentlyAsync(Book, Workers, Operations);
}
