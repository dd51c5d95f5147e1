using Tollway.Chain.Deposits;
using Tollway.Chain.Wallets;
using Tollway.Testing.Chain;

namespace Tollway.Chain.Tests.Deposits;

public sealed class DepositReconcilerTests : TokenChainTest
{
    private const int Depth = 2;

    [Fact]
    public async Task ReconcileAsync_EverythingCredited_Matches()
    {
        await using var gateway = await StartAsync();
        await Token.MintAndTransferAsync(TestWallet.Create().LowerAddress, Treasury, 1_000_000);
        await Token.MintAndTransferAsync(TestWallet.Create().LowerAddress, Treasury, 2_000_000);
        await Node.MineAsync(Depth);
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
        await Token.MintAsync(payer.LowerAddress, 1_000_000);
        var (receipt, _) = await AuthorizedTransfers.SendAsync(Token, payer, Treasury, 1_000_000);
        await Node.MineAsync(Depth);
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
        await Token.MintAndTransferAsync(payer, Treasury, 1_000_000);
        await Node.MineAsync(Depth);
        await gateway.ScanToHeadAsync();
        // A transfer the watcher never saw (it is stopped), and a credit for a transfer that never happened.
        var unseen = await Token.MintAndTransferAsync(payer, Treasury, 5_000_000);
        await Node.MineAsync(Depth);
        var invented = new Deposit(Node.ChainId, "0x" + new string('a', 64), 0, 1, "0x" + new string('b', 64), Token.Address,
            WalletAddress.Parse(payer), "9000000", 9_000_000_000, "0", DepositStatus.Pending, null, DateTimeOffset.UtcNow, null);
        await gateway.Deposits.RecordScanAsync(Node.ChainId, [invented], [], (await gateway.Deposits.GetCursorAsync(Node.ChainId, Ct))!.Value, 0, DateTimeOffset.UtcNow, Ct);
        await gateway.Deposits.MarkConfirmedAsync(invented, DepositStatus.Unclaimed, null, DateTimeOffset.UtcNow, Ct);

        var result = await gateway.Reconciler.ReconcileAsync(gateway.Chain, null, Ct);

        Assert.False(result.Matches);
        Assert.Contains(result.Differences, d => d.Kind == "missing" && d.TransactionHash == unseen.TransactionHash);
        Assert.Contains(result.Differences, d => d.Kind == "not-on-chain" && d.TransactionHash == invented.TransactionHash);
        Assert.Equal(2, result.Differences.Count);
    }

    private Task<DepositHarness> StartAsync() =>
        DepositHarness.StartAsync(DepositHarness.NewDatabasePath(), Node.Url, Node.ChainId, Token, Treasury, Depth);
}
