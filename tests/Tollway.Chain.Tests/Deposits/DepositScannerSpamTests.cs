using System.Numerics;
using Tollway.Chain.Deposits;
using Tollway.Testing.Chain;

namespace Tollway.Chain.Tests.Deposits;

/// <summary>
/// The deposit watcher under spam, on a real anvil chain behind an <see cref="RpcStub"/> that refuses log queries the
/// way real providers do (anvil itself refuses nothing): dust costs it no row, its filters never grow with the senders,
/// and a range refused as too large is asked again smaller, then larger again.
/// </summary>
public sealed class DepositScannerSpamTests : TokenChainTest
{
    private const int Depth = 3;
    private readonly string _database = DepositHarness.NewDatabasePath();

    [Fact]
    public async Task ScanOnce_RealDepositAfter5000ZeroAndOneUnitTransfers_CreditedWithinTwoPollsAndTheSpamLeavesNoRow()
    {
        // Like Infura (10,000 results), the node refuses a log query that finds more than its cap, scaled down here.
        await using var node = await RpcStub.StartAsync(Node.Url, Ct);
        node.MaxLogResults = 1_000;
        await using var gateway = await StartAsync(node.Url);
        var payer = TestWallet.Create().LowerAddress;
        var account = await gateway.SignUpAsync(payer);
        await gateway.ScanToHeadAsync();

        // 5,000 transfers to the treasury, 500 to a transaction from ten wallets: every other one of nothing, the rest of one unit.
        for (var i = 0; i < 10; i++)
        {
            var spammer = TestWallet.Create().LowerAddress;
            await Token.MintAsync(spammer, 250);
            await Token.TransferManyAsync(spammer, [.. Enumerable.Range(0, 500).Select(n => (Treasury, new BigInteger(n % 2)))]);
        }

        var real = await Token.MintAndTransferAsync(payer, Treasury, 2_000_000);
        await Node.MineAsync(Depth);
        for (var poll = 0; poll < 2; poll++)
        {
            await gateway.ScanToHeadAsync();
        }

        Assert.Equal(new BigInteger(2_002_500), await Token.BalanceOfAsync(Treasury));
        var deposit = Assert.Single(await gateway.Deposits.ListConfirmedAsync(Node.ChainId, 0, long.MaxValue, Ct));
        Assert.Equal((real.TransactionHash, DepositStatus.Credited, account), (deposit.TransactionHash, deposit.Status, deposit.AccountId));
        Assert.Empty(await gateway.Deposits.ListPendingAsync(Node.ChainId, Ct));
        Assert.Equal(2_000_000_000L, await gateway.BalanceAsync(account));
        Assert.All(LogQueries(node), q => Assert.True(q.WidestTopicPosition <= 1, q.Params.ToJsonString()));
    }

    [Fact]
    public async Task ScanOnce_OneBlockHoldingMoreTransfersThanTheNodeLists_ReadFromTheBlocksReceipts()
    {
        await using var node = await RpcStub.StartAsync(Node.Url, Ct);
        node.MaxLogResults = 100;
        await using var gateway = await StartAsync(node.Url);
        var payer = TestWallet.Create().LowerAddress;
        var account = await gateway.SignUpAsync(payer);
        await Token.MintAsync(payer, 2_000_000);

        // One transaction, so one block no log query can list: 300 transfers of nothing, then a real deposit.
        var stuffed = await Token.TransferManyAsync(payer, [.. Enumerable.Repeat((Treasury, BigInteger.Zero), 300), (Treasury, new BigInteger(2_000_000))]);
        await Node.MineAsync(Depth);
        await gateway.ScanToHeadAsync();

        var deposit = Assert.Single(await gateway.DepositsOfAsync(account));
        Assert.Equal((stuffed.TransactionHash, 300, DepositStatus.Credited), (deposit.TransactionHash, deposit.LogIndex, deposit.Status));
        Assert.Equal(2_000_000_000L, await gateway.BalanceAsync(account));
        Assert.Contains(node.Calls, c => c.Method == "eth_getBlockReceipts");
    }

    [Fact]
    public async Task ScanOnce_NodeRefusesWideRanges_ShrinksTheRangeThenGrowsItBack()
    {
        await using var node = await RpcStub.StartAsync(Node.Url, Ct);
        node.MaxLogBlocks = 4;
        await using var gateway = await StartAsync(node.Url, maxBlockRange: 64);
        var payers = Enumerable.Range(0, 3).Select(_ => TestWallet.Create().LowerAddress).ToArray();
        var accounts = new List<string>();
        foreach (var payer in payers)
        {
            accounts.Add(await gateway.SignUpAsync(payer));
            await Token.MintAndTransferAsync(payer, Treasury, 1_000_000);
            await Node.MineAsync(30);
        }

        await gateway.ScanToHeadAsync();

        foreach (var account in accounts)
        {
            Assert.Equal(1_000_000_000L, await gateway.BalanceAsync(account));
        }

        // Refused ranges were asked again at half their span, down to what the node takes; a larger one is tried again
        // only after a run of answered ones, so most queries fit.
        var refused = LogQueries(node).Where(q => Span(q) > 4).ToList();
        Assert.Contains(LogQueries(node), q => Span(q) == 4);
        Assert.InRange(refused.Count, 1, LogQueries(node).Count / 2);
        Assert.All(refused, q => Assert.True(Span(q) <= 64));

        // The node takes wide ranges again: after enough of them are answered, the range is back to the configured 64.
        node.MaxLogBlocks = null;
        var before = node.Calls.Count;
        await Node.MineAsync(300);
        await gateway.ScanToHeadAsync();

        var after = LogQueries(node).Where(q => q.Number > before).ToList();
        Assert.Contains(after, q => Span(q) == 64);
        Assert.All(after, q => Assert.True(Span(q) <= 64));
    }

    [Fact]
    public async Task ScanOnce_DepositsFromManySenders_LogFiltersNeverNameTheSenders()
    {
        await using var node = await RpcStub.StartAsync(Node.Url, Ct);
        await using var gateway = await StartAsync(node.Url);
        const int Senders = 40;
        for (var i = 0; i < Senders; i++)
        {
            await Token.MintAndTransferAsync(TestWallet.Create().LowerAddress, Treasury, 1_000_000);
        }

        await Node.MineAsync(Depth);
        await gateway.ScanToHeadAsync();

        Assert.Equal(Senders, (await gateway.Deposits.ListConfirmedAsync(Node.ChainId, 0, long.MaxValue, Ct)).Count);
        var queries = LogQueries(node);
        Assert.NotEmpty(queries);
        Assert.All(queries, q => Assert.True(q.WidestTopicPosition <= 1, $"a filter with {q.WidestTopicPosition} topics at one position"));
    }

    private static List<RpcCall> LogQueries(RpcStub node) => [.. node.Calls.Where(c => c.Method == "eth_getLogs")];

    private static long Span(RpcCall query) =>
        Hex.ToInt64((string)query.Filter!["toBlock"]!) - Hex.ToInt64((string)query.Filter!["fromBlock"]!) + 1;

    private Task<DepositHarness> StartAsync(Uri rpcUrl, int maxBlockRange = 2000) =>
        DepositHarness.StartAsync(_database, rpcUrl, Node.ChainId, Token, Treasury, Depth, maxBlockRange, retry: DepositHarness.QuickRetry);
}
