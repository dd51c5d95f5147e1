using System.Numerics;
using Microsoft.Extensions.DependencyInjection;
using Tollway.Gateway.Money.Ledger;
using Books = Tollway.FunctionalTests.Infrastructure.Billing;

namespace Tollway.FunctionalTests.X402;

/// <summary>The official x402 client (<c>@x402/fetch</c> 2.27.0 with <c>@x402/evm</c> and a local viem account) pays
/// the gateway on a real chain, unchanged: challenge, signature, retry and settlement header as it does them.</summary>
public sealed class X402InteropTests(X402Fixture gateway) : IClassFixture<X402Fixture>
{
    [Fact]
    public async Task Pay_OfficialFetchClient_IsServedSettledOnChainAndCreditedToItsWallet()
    {
        var payer = await gateway.NewPayerAsync(10_000);
        var treasuryBefore = await gateway.Token.BalanceOfAsync(gateway.Treasury);

        var result = await X402NpmClient.PayAsync(new Uri(gateway.BaseUrl, "/v1/chat/completions"), payer.Key.GetPrivateKey(), "eip155:31337",
            gateway.Token.Address, maxUnits: "5000", X402Requests.Body);

        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.Contains("Hello from the fake upstream.", result.GetProperty("body").GetString(), StringComparison.Ordinal);
        var payment = result.GetProperty("payment");
        Assert.True(payment.GetProperty("success").GetBoolean());
        Assert.Equal("eip155:31337", payment.GetProperty("network").GetString());
        Assert.Equal(payer.LowerAddress, payment.GetProperty("payer").GetString()!.ToLowerInvariant());
        Assert.Equal(new BigInteger(9_000), await gateway.Token.BalanceOfAsync(payer.LowerAddress));
        Assert.Equal(treasuryBefore + 1_000, await gateway.Token.BalanceOfAsync(gateway.Treasury));

        var accountId = await X402Requests.AccountOfAsync(gateway, payer.Address);
        Assert.NotNull(accountId);
        var journal = await gateway.Services.GetRequiredService<ILedgerQueries>().ListJournalAsync(new JournalQuery(accountId), CancellationToken.None);
        var credit = Assert.Single(journal, e => e.Kind == LedgerTransactionKind.Deposit);
        Assert.StartsWith($"x402:31337:{gateway.Token.Address}:{payer.LowerAddress}:0x", credit.Reference, StringComparison.Ordinal);
        Assert.Contains(new Posting(LedgerAccounts.User(accountId), 1_000_000), credit.Postings);
        var charge = await Books.ChargeAsync(gateway, result.GetProperty("requestId").GetString()!);
        Assert.Equal(accountId, charge?.AccountId);
        Assert.Equal(1_000_000 - charge!.Total, await Books.BalanceAsync(gateway, accountId));
    }
}
