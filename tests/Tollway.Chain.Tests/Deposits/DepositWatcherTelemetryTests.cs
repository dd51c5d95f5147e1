using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Tollway.Chain.Deposits;
using Tollway.Chain.Tests.Testing;
using Tollway.Testing.Chain;

namespace Tollway.Chain.Tests.Deposits;

/// <summary>
/// The running deposit watcher on a real anvil chain, reached through an RPC stub that can be made to fail: its gauges
/// and counters against the chain and the ledger, and the <c>chain</c> health check as the RPC goes down and comes back.
/// </summary>
public sealed class DepositWatcherTelemetryTests : TokenChainTest
{
    private const int Depth = 2;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Watcher_DepositCreditedAndCaughtUp_GaugesMatchTheChainAndTheCounterMatchesTheLedger()
    {
        await using var stub = await RpcStub.StartAsync(Node.Url, Ct);
        await using var gateway = await StartAsync(stub.Url);
        using var recorder = new MeterRecorder(gateway.Services.GetRequiredService<IMeterFactory>());
        var payer = TestWallet.Create().LowerAddress;
        var account = await gateway.SignUpAsync(payer);
        await using var watcher = await WatcherAsync(gateway);

        await Token.MintAndTransferAsync(payer, Treasury, 2_500_000);
        await Node.MineAsync(Depth);
        await Until(async () => await gateway.BalanceAsync(account) > 0);
        var head = await Node.BlockNumberAsync();
        await Until(() => Task.FromResult(Status(gateway) is { LagBlocks: 0 } state && state.Head == head));

        Assert.Equal(2_500_000_000L, await gateway.BalanceAsync(account));
        Assert.Equal(2_500_000_000L, recorder.Sum("tollway.deposits.credited.nano_usd", ("chain", "local")));
        Assert.Equal(1, recorder.Sum("tollway.deposits.credited", ("chain", "local")));
        Assert.Equal((head, "local"), Gauge(recorder, "tollway.deposits.head_block"));
        Assert.Equal((0L, "local"), Gauge(recorder, "tollway.deposits.lag_blocks"));
    }

    [Fact]
    public async Task HealthCheck_RpcDownThenBack_HealthyThenDegradedThenHealthy()
    {
        await using var stub = await RpcStub.StartAsync(Node.Url, Ct);
        await using var gateway = await StartAsync(stub.Url);
        var health = gateway.Services.GetRequiredService<HealthCheckService>();
        await using var watcher = await WatcherAsync(gateway);
        await Until(() => Task.FromResult(Status(gateway)?.LastSuccess is not null));
        var polling = await health.CheckHealthAsync(Ct);
        Assert.Equal(HealthStatus.Healthy, polling.Status);
        Assert.StartsWith("local: polling,", polling.Entries["chain"].Description, StringComparison.Ordinal);

        stub.Fault = _ => RpcFault.ServiceUnavailable;
        await Until(() => Task.FromResult(Status(gateway)?.Failing == true));
        var down = await health.CheckHealthAsync(Ct);

        Assert.Equal(HealthStatus.Degraded, down.Status);
        var entry = down.Entries["chain"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains("ready", entry.Tags);
        Assert.StartsWith("local: polling fails (RpcUnavailableException)", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(stub.Url.Authority, entry.Description, StringComparison.Ordinal);

        stub.Fault = null;
        await Until(() => Task.FromResult(Status(gateway) is { Failing: false }));
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(Ct)).Status);
    }

    private Task<DepositHarness> StartAsync(Uri rpcUrl) =>
        DepositHarness.StartAsync(DepositHarness.NewDatabasePath(), rpcUrl, Node.ChainId, Token, Treasury, Depth, retry: DepositHarness.QuickRetry,
            pollInterval: TimeSpan.FromMilliseconds(100));

    private static async Task<RunningWatcher> WatcherAsync(DepositHarness gateway)
    {
        var watcher = gateway.Services.GetServices<IHostedService>().OfType<DepositWatcher>().Single();
        await watcher.StartAsync(Ct);
        return new RunningWatcher(watcher);
    }

    private static ChainWatchState? Status(DepositHarness gateway) => gateway.Services.GetRequiredService<DepositWatchStatus>().Find("local");

    private static (long Value, string? Chain) Gauge(MeterRecorder recorder, string instrument)
    {
        var (value, tags) = Assert.Single(recorder.Observe(instrument));
        return (value, tags["chain"]);
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(50, Ct);
        }
    }

    private sealed class RunningWatcher(DepositWatcher watcher) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await watcher.StopAsync(CancellationToken.None);
    }
}
