using System.Numerics;
using Tollway.Testing.Chain;

namespace Tollway.Chain.Tests.Testing;

/// <summary>The test chain itself: what the deposit and payment tests rely on must hold.</summary>
public sealed class AnvilNodeTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    [Fact]
    public async Task MintAndTransfer_MovesTokensBetweenWallets()
    {
        var alice = TestWallet.Create().LowerAddress;
        var bob = TestWallet.Create().LowerAddress;

        await anvil.Token.MintAndTransferAsync(alice, bob, 2_500_000);

        Assert.Equal(BigInteger.Zero, await anvil.Token.BalanceOfAsync(alice));
        Assert.Equal(new BigInteger(2_500_000), await anvil.Token.BalanceOfAsync(bob));
    }

    [Fact]
    public async Task TransferMany_OneTransactionSeveralRecipients()
    {
        var payer = TestWallet.Create().LowerAddress;
        var (one, two) = (TestWallet.Create().LowerAddress, TestWallet.Create().LowerAddress);
        await anvil.Token.MintAsync(payer, 3);

        await anvil.Token.TransferManyAsync(payer, [(one, 1), (two, 2)]);

        Assert.Equal(BigInteger.One, await anvil.Token.BalanceOfAsync(one));
        Assert.Equal(new BigInteger(2), await anvil.Token.BalanceOfAsync(two));
    }

    [Fact]
    public async Task Mine_AdvancesTheHead()
    {
        var before = await anvil.Node.BlockNumberAsync();

        await anvil.Node.MineAsync(5);

        Assert.Equal(before + 5, await anvil.Node.BlockNumberAsync());
    }

    [Fact]
    public async Task Reorg_ReplacesTheBlockAndDropsItsTransfer()
    {
        var node = await AnvilNode.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var _ = node;
        var token = await node.DeployTokenAsync();
        var holder = TestWallet.Create().LowerAddress;
        var receipt = await token.MintAsync(holder, 7);

        await node.ReorgAsync(1);

        var block = await node.RpcAsync("eth_getBlockByNumber", Hex.Quantity(receipt.BlockNumber), false);
        Assert.NotEqual(receipt.BlockHash, block.GetProperty("hash").GetString());
        Assert.Equal(BigInteger.Zero, await token.BalanceOfAsync(holder));
    }

    [Fact]
    public async Task SnapshotAndRevert_UndoTheTransfer()
    {
        var node = await AnvilNode.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var _ = node;
        var token = await node.DeployTokenAsync();
        var holder = TestWallet.Create().LowerAddress;
        var snapshot = await node.SnapshotAsync();
        await token.MintAsync(holder, 7);

        Assert.True(await node.RevertAsync(snapshot));

        Assert.Equal(BigInteger.Zero, await token.BalanceOfAsync(holder));
    }
}
