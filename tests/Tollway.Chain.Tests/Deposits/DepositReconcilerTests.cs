using Tollway.Gateway.Deposits;
using Tollway.Gateway.Wallets;
using Tollway.Testing.Chain;

namespace Tollway.Chain.Tests.Deposits;

public sealed class DepositReconcilerTests : IAsyncLifetime
{
    private const int Depth = 2;
    private readonly string _treasury = TestWallet.Create().LowerAddress;
    private AnvilNode _node = null!;
    private TestToken _token = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _node = await AnvilNode.StartAsync(cancellationToken: Ct);
        _token = await _node.DeployTokenAsync();
    }

    public async ValueTask DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task ReconcileAsync_EverythingCredited_Matches()
    {
        await using var gateway = await StartAsync();
        await _token.MintAndTransferAsync(TestWallet.Create().LowerAddress, _treasury, 1_000_000);
        await _token.MintAndTransferAsync(TestWallet.Create().LowerAddress, _treasury, 2_000_000);
        await _node.MineAsync(Depth);
        await gateway.ScanToHeadAsync();

        var result = await gateway.Reconciler.ReconcileAsync(gateway.Chain, null, Ct);

        Assert.True(result.Matches);
        Assert.Equal((2, 2, 3_000_000_000L, 3_000_000_000L), (result.OnChain, result.Recorded, result.OnChainNanos, result.RecordedNanos));
    }

    [Fact]
    public async Task ReconcileAsync_TransferByAuthorizationCreditedUnderTheX402Reference_Matches()
    {
        await using var gateway = await StartAsync();
        var payer = TestWallet.Create();
        await _token.MintAsync(payer.LowerAddress, 1_000_000);
        var (receipt, _) = await AuthorizedTransfers.SendAsync(_token, payer, _treasury, 1_000_000);
        await _node.MineAsync(Depth);
        await gateway.ScanToHeadAsync();

        var result = await gateway.Reconciler.ReconcileAsync(gateway.Chain, null, Ct);
        Assert.True(result.Matches, string.Join("; ", result.Differences));
        Assert.Equal((1, 1), (result.OnChain, result.Recorded));
        var deposit = Assert.Single(await gateway.Deposits.ListConfirmedAsync(gateway.Chain.ChainId, 0, receipt.BlockNumber, Ct));
        Assert.Equal((DepositStatus.Credited, receipt.TransactionHash), (deposit.Status, deposit.TransactionHash));
        Assert.StartsWith("x402:", deposit.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAsync_UnscannedAndInventedDeposits_AreEachReported()
    {
        await using var gateway = await StartAsync();
        var payer = TestWallet.Create().LowerAddress;
        await _token.MintAndTransferAsync(payer, _treasury, 1_000_000);
        await _node.MineAsync(Depth);
        await gateway.ScanToHeadAsync();
        // A transfer the watcher never saw (it is stopped), and a credit for a transfer that never happened.
        var unseen = await _token.MintAndTransferAsync(payer, _treasury, 5_000_000);
        await _node.MineAsync(Depth);
        var invented = new Deposit(_node.ChainId, "0x" + new string('a', 64), 0, 1, "0x" + new string('b', 64), _token.Address,
            WalletAddress.Parse(payer), "9000000", 9_000_000_000, "0", DepositStatus.Pending, null, DateTimeOffset.UtcNow, null);
        await gateway.Deposits.RecordScanAsync(_node.ChainId, [invented], [], (await gateway.Deposits.GetCursorAsync(_node.ChainId, Ct))!.Value, 0, DateTimeOffset.UtcNow, Ct);
        await gateway.Deposits.MarkConfirmedAsync(invented, DepositStatus.Unclaimed, null, DateTimeOffset.UtcNow, Ct);

        var result = await gateway.Reconciler.ReconcileAsync(gateway.Chain, null, Ct);

        Assert.False(result.Matches);
        Assert.Contains(result.Differences, d => d.Kind == "missing" && d.TransactionHash == unseen.TransactionHash);
        Assert.Contains(result.Differences, d => d.Kind == "not-on-chain" && d.TransactionHash == invented.TransactionHash);
        Assert.Equal(2, result.Differences.Count);
    }

    private Task<DepositHarness> StartAsync() =>
        DepositHarness.StartAsync(DepositHarness.NewDatabasePath(), _node.Url, _node.ChainId, _token, _treasury, Depth);
}
