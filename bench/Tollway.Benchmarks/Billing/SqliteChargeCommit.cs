using BenchmarkDotNet.Attributes;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.Benchmarks.Billing;

/// <summary>
/// The database's share of a settle, without the balance book or the writer's queue: <see cref="ILedgerStore.CommitChargesAsync"/>
/// called directly with batches of <see cref="BatchSize"/> charges on a SQLite ledger file. Results read per charge.
/// </summary>
[MemoryDiagnoser]
[OperationsPerSecond]
[RunOncePerIteration]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class SqliteChargeCommit : BillingBenchmark
{
    public const int Charges = 8_192;

    private PendingCharge[][] _batches = [];

    /// <summary>Charges per group commit.</summary>
    [Params(1, 64, 1024)]
    public int BatchSize { get; set; }

    /// <summary>The charges name no lease (the node holds none here): each is paid from the free balance, which costs one
    /// read of the account's leases per batch beyond what a charge paid from its lease costs.</summary>
    [IterationSetup]
    public void MakeCharges() =>
        _batches = [.. Enumerable.Range(0, Charges).Select(_ => new PendingCharge(HoldSettleWorkload.Charge(), Node.NodeId, 0)).Chunk(BatchSize)];

    [Benchmark(OperationsPerInvoke = Charges)]
    public async Task CommitCharges()
    {
        foreach (var batch in _batches)
        {
            await Node.Ledger.CommitChargesAsync(batch, CancellationToken.None);
        }
    }
}
