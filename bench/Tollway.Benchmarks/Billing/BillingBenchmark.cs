using BenchmarkDotNet.Attributes;
using Tollway.Gateway.Money.Billing;

namespace Tollway.Benchmarks.Billing;

/// <summary>A benchmark over one <see cref="BillingNode"/>, started once per process on a fresh database (SQLite unless overridden).</summary>
public abstract class BillingBenchmark
{
    private BillingNode? _node;

    internal BillingNode Node => _node ?? throw new InvalidOperationException("The global setup did not run.");

    internal BalanceBook Book => Node.Book;

    [GlobalSetup]
    public async Task SetupAsync() =>
        _node = await BillingNode.StartAsync(await CreateStorageAsync(), HoldSettleWorkload.Credit, CancellationToken.None);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
            _node = null;
        }
    }

    private protected virtual Task<IBenchmarkStorage> CreateStorageAsync() => Task.FromResult<IBenchmarkStorage>(new SqliteBenchmarkStorage());
}
