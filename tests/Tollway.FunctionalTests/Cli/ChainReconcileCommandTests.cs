using Microsoft.Extensions.DependencyInjection;
using Tollway.Chain.Deposits;
using Tollway.Chain.Wallets;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing;
using Tollway.Testing.Chain;

namespace Tollway.FunctionalTests.Cli;

/// <summary><c>tollway chain reconcile</c> as its own process, against the running gateway's database and chain.</summary>
public sealed class ChainReconcileCommandTests(ChainGatewayFixture gateway) : IClassFixture<ChainGatewayFixture>
{
    [Fact]
    public async Task Reconcile_AfterTheWatcherCreditedEverything_AgreesAndExitsZero()
    {
        var ct = TestContext.Current.CancellationToken;
        var sender = TestWallet.Create();
        await gateway.Token.MintAndTransferAsync(sender.Address, gateway.Treasury, 2_000_000);
        await gateway.Chain.MineAsync(ChainGatewayFixture.Depth);
        var deposits = gateway.Services.GetRequiredService<IDepositStore>();
        await Eventually.TrueAsync(
            async () => (await deposits.ListConfirmedAsync(gateway.Chain.ChainId, 0, long.MaxValue, ct)).Any(d => d.Sender == WalletAddress.Parse(sender.Address)),
            "The watcher confirming the deposit",
            ct);

        await using var run = await TollwayProcess.RunAsync(gateway.Directory, "chain", "reconcile", "--config", WriteConfig());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("On-chain transfers and credited deposits agree.", run.Output, StringComparison.Ordinal);
        Assert.Contains("local (chain 31337)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_UnknownChain_ExitsTwo()
    {
        await using var run = await TollwayProcess.RunAsync(gateway.Directory, "chain", "reconcile", "--chain", "nowhere", "--config", WriteConfig());

        Assert.Equal(2, run.ExitCode);
    }

    private string WriteConfig()
    {
        var path = Path.Combine(gateway.Directory, "chain-cli.json");
        File.WriteAllText(path, $$"""
            {
              "database": { "sqlitePath": "{{gateway.DatabasePath}}" },
              "chains": {
                "local": {
                  "preset": "custom", "chainId": {{gateway.Chain.ChainId}}, "rpcUrls": [ "{{gateway.Chain.Url}}" ], "confirmations": "{{ChainGatewayFixture.Depth}}",
                  "treasury": "{{gateway.Treasury}}", "startBlock": 0,
                  "tokens": { "TUSD": { "address": "{{gateway.Token.Address}}", "decimals": 6 } }
                }
              }
            }
            """);
        return path;
    }
}
