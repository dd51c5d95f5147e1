using Microsoft.Extensions.DependencyInjection;
using Tollway.Chain.Wallets;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.FunctionalTests.X402;
using Tollway.Testing.Chain;
using Books = Tollway.FunctionalTests.Infrastructure.Billing;

namespace Tollway.FunctionalTests.Telemetry;

/// <summary>A deposit credited on anvil, then a real scrape: the credited amount equals the ledger's credit, and the
/// watcher's head and lag gauges agree with the chain once it caught up.</summary>
public sealed class ChainDepositMetricsTests(X402WatcherFixture gateway) : IClassFixture<X402WatcherFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Scrape_DepositCreditedAndWatcherCaughtUp_CreditedEqualsTheLedgerAndHeadEqualsTheChain()
    {
        var sender = TestWallet.Create();
        var wallets = gateway.Services.GetRequiredService<IWalletStore>();
        var accountId = (await wallets.GetOrCreateAsync(WalletAddress.Parse(sender.LowerAddress), DateTimeOffset.UtcNow, CancellationToken.None)).AccountId;

        await gateway.Token.MintAndTransferAsync(sender.LowerAddress, gateway.Treasury, 2_500_000);
        await Until(async () => await Books.BalanceAsync(gateway, accountId) > 0);
        var head = await gateway.Chain.BlockNumberAsync();
        var scrape = await PrometheusScrape.ReadAsync(gateway);
        var deadline = DateTime.UtcNow + Wait;
        while (!(scrape.Value("tollway_deposits_head_block", ("chain", "local")) == head && scrape.Value("tollway_deposits_lag_blocks", ("chain", "local")) == 0))
        {
            Assert.True(DateTime.UtcNow < deadline, "The watcher's gauges did not reach the chain's head:\n" + scrape.Text);
            await Task.Delay(100, TestContext.Current.CancellationToken);
            scrape = await PrometheusScrape.ReadAsync(gateway);
        }

        var credited = await Books.BalanceAsync(gateway, accountId);
        Assert.Equal(2_500_000_000L, credited);
        Assert.Equal(credited, scrape.Value("tollway_deposits_credited_nano_usd_total", ("chain", "local")));
        Assert.Equal(1, scrape.Value("tollway_deposits_credited_total", ("chain", "local")));
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The deposit was not credited in time.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
