using BenchmarkDotNet.Attributes;

namespace Tollway.Benchmarks.Billing;

/// <summary>
/// The in-memory cost of a hold: take it and void it (a request that failed upstream), one at a time. Voiding charges
/// nothing, so the lease taken by the first hold never runs short and no hold goes to the database.
/// </summary>
[MemoryDiagnoser]
[ThreadingDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class HoldOnly : BillingBenchmark
{
    [Benchmark]
    public async ValueTask HoldAndVoid()
    {
        var book = Book;
        book.Void(await HoldSettleWorkload.HoldAsync(book));
    }
}
