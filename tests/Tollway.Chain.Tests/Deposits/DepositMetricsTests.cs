using Tollway.Chain.Chains;
using Tollway.Chain.Deposits;
using Tollway.Chain.Tests.Testing;
using Tollway.Chain.Wallets;

namespace Tollway.Chain.Tests.Deposits;

public sealed class DepositMetricsTests : IDisposable
{
    private readonly DepositWatchStatus _status = new();
    private readonly MeterRecorder _recorder;
    private readonly DepositMetrics _metrics;

    public DepositMetricsTests()
    {
        var factory = MeterRecorder.NewFactory();
        _recorder = new MeterRecorder(factory);
        _metrics = new DepositMetrics(factory, new ChainRegistry([Chain("base", 8453), Chain("local", 31337)]), _status);
    }

    [Fact]
    public void Credited_ConfiguredChain_CountsTheDepositAndItsNanosUnderTheChainsName()
    {
        _metrics.Credited(31337, 2_500_000_000);
        _metrics.Credited(31337, 1_000);
        _metrics.Credited(8453, 7);

        Assert.Equal(2, _recorder.Sum("tollway.deposits.credited", ("chain", "local")));
        Assert.Equal(2_500_001_000, _recorder.Sum("tollway.deposits.credited.nano_usd", ("chain", "local")));
        Assert.Equal(7, _recorder.Sum("tollway.deposits.credited.nano_usd", ("chain", "base")));
    }

    [Fact]
    public void Credited_ChainNotConfigured_LabelledUnknownNotByItsId()
    {
        _metrics.Credited(999, 5);

        var tags = Assert.Single(_recorder.TagsOf("tollway.deposits.credited.nano_usd"));
        Assert.Equal("unknown", tags["chain"]);
    }

    [Fact]
    public void HeadAndLag_WatcherBehindThenCaughtUp_ReportTheHeadAndTheBlocksNotScanned()
    {
        var now = DateTimeOffset.UnixEpoch;
        _status.Started("local", now);
        Assert.Empty(_recorder.Observe("tollway.deposits.head_block"));

        _status.Succeeded("local", head: 120, nextBlock: 101, now);
        Assert.Equal((120L, "local"), Single(_recorder.Observe("tollway.deposits.head_block")));
        Assert.Equal((20L, "local"), Single(_recorder.Observe("tollway.deposits.lag_blocks")));

        _status.Succeeded("local", head: 121, nextBlock: 122, now);
        Assert.Equal((0L, "local"), Single(_recorder.Observe("tollway.deposits.lag_blocks")));
    }

    [Fact]
    public void HeadAndLag_StepFailedAfterASuccess_KeepTheLastValuesSeen()
    {
        var now = DateTimeOffset.UnixEpoch;
        _status.Succeeded("local", head: 50, nextBlock: 51, now);

        _status.Failed("local", "RpcUnavailableException", now.AddSeconds(1));

        Assert.Equal((50L, "local"), Single(_recorder.Observe("tollway.deposits.head_block")));
    }

    public void Dispose() => _recorder.Dispose();

    private static (long Value, string? Chain) Single(IReadOnlyList<(long Value, Dictionary<string, string?> Tags)> observed)
    {
        var (value, tags) = Assert.Single(observed);
        return (value, tags["chain"]);
    }

    internal static ChainSettings Chain(string name, long chainId, TimeSpan? pollInterval = null) =>
        new(name, chainId, [new Uri("http://user:secret@127.0.0.1:1/key-in-path")], new ChainConfirmation(1, false),
            WalletAddress.Parse("0x000000000000000000000000000000000000dead"), 0, [], 2000, pollInterval ?? TimeSpan.FromSeconds(2));
}
