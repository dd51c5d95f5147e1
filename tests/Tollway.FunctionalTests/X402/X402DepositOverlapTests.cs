using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tollway.Chain.Chains;
using Tollway.Chain.Deposits;
using Tollway.Chain.Rpc;
using Tollway.Chain.X402;
using Tollway.Gateway.Money.Ledger;
using Tollway.Testing;
using Books = Tollway.FunctionalTests.Infrastructure.Billing;

namespace Tollway.FunctionalTests.X402;

/// <summary>
/// x402 and the deposit watcher on the same treasury: every x402 payment is also a transfer the watcher sees. Each is
/// credited once, whichever path comes first, and the watcher credits a payment whose x402 credit never happened.
/// </summary>
public sealed class X402DepositOverlapTests(X402WatcherFixture gateway) : IClassFixture<X402WatcherFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_PaidWhileTheWatcherScansTheTreasury_CreditsThePaymentOnceAndReconcileAgrees()
    {
        var payer = await gateway.NewPayerAsync(5_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        var authorization = X402Payer.Authorize(payer, challenge.Accepts[0]);

        using var response = await X402Requests.SendAsync(gateway, X402Payer.V2(challenge, authorization, payer.Key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accountId = (await X402Requests.AccountOfAsync(gateway, payer.Address))!;
        await gateway.Chain.MineAsync(2);
        var deposit = await WaitForCreditedDepositAsync(accountId);
        var reference = $"x402:31337:{gateway.Token.Address}:{payer.LowerAddress}:{authorization.Nonce}";
        Assert.Equal((reference, 1_000_000L), (deposit.Reference, deposit.Amount));
        Assert.Equal(reference, Assert.Single(await CreditsOfAsync(accountId)).Reference);
        var charge = await Books.WaitForChargeAsync(gateway, Books.RequestId(response));
        Assert.Equal(1_000_000 - charge.Total, await Books.BalanceAsync(gateway, accountId));
        await AssertReconcileMatchesAsync();
    }

    [Fact]
    public async Task Transfer_SettledWithoutTheGatewaysCredit_WatcherCreditsItOnceAndAnX402RetryCreditsNothing()
    {
        // The x402 path stopped after the transfer was sent: the payer's signed authorization is on chain, no credit.
        var payer = await gateway.NewPayerAsync(5_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        var authorization = X402Payer.Authorize(payer, challenge.Accepts[0]);
        var signed = ExactAuthorization.TryParse(new ExactEvmPayload(X402Payer.Sign(payer.Key, challenge.Accepts[0], authorization), authorization))!;
        await gateway.Chain.SendAsync(payer.LowerAddress, gateway.Token.Address, Eip3009Abi.TransferWithAuthorization(signed));
        await gateway.Chain.MineAsync(2);

        var reference = $"x402:31337:{gateway.Token.Address}:{payer.LowerAddress}:{authorization.Nonce}";
        var accountId = await WaitForAccountAsync(payer.Address);
        var deposit = await WaitForCreditedDepositAsync(accountId);
        Assert.Equal(reference, deposit.Reference);
        Assert.Equal(1_000_000, await Books.BalanceAsync(gateway, accountId));

        var upstream = gateway.Upstream.RequestCount;
        using var retry = await X402Requests.SendAsync(gateway, X402Payer.V2(challenge, authorization, payer.Key));

        await X402Requests.AssertRefusedAsync(retry, X402Failure.NonceUsed);
        Assert.Equal(upstream, gateway.Upstream.RequestCount);
        Assert.Equal(reference, Assert.Single(await CreditsOfAsync(accountId)).Reference);
        Assert.Equal(1_000_000, await Books.BalanceAsync(gateway, accountId));
        await AssertReconcileMatchesAsync();
    }

    /// <summary>The journal's credits to the account (its charges aside).</summary>
    private async Task<IReadOnlyList<JournalEntry>> CreditsOfAsync(string accountId)
    {
        var entries = await gateway.Services.GetRequiredService<ILedgerQueries>().ListJournalAsync(new JournalQuery(accountId, Limit: 1000), Ct);
        return [.. entries.Where(e => e.Kind == LedgerTransactionKind.Deposit)];
    }

    private Task<string> WaitForAccountAsync(string wallet) =>
        Eventually.ValueAsync(() => X402Requests.AccountOfAsync(gateway, wallet), $"The watcher making an account for {wallet}", Ct);

    private Task<Deposit> WaitForCreditedDepositAsync(string accountId)
    {
        var deposits = gateway.Services.GetRequiredService<IDepositStore>();
        return Eventually.ValueAsync(
            async () => (await deposits.ListByAccountAsync(accountId, 10, Ct)).SingleOrDefault() is { Status: DepositStatus.Credited } credited ? credited : null,
            $"The watcher crediting a deposit of {accountId}",
            Ct);
    }

    private async Task AssertReconcileMatchesAsync()
    {
        var services = gateway.Services;
        var reconciler = new DepositReconciler(services.GetRequiredService<IEthereumRpcFactory>(), services.GetRequiredService<IDepositStore>());
        var result = await reconciler.ReconcileAsync(services.GetRequiredService<ChainRegistry>().All[0], null, Ct);
        Assert.True(result.Matches, string.Join("; ", result.Differences));
        Assert.True(result.OnChain >= 1);
    }
}
