using System.Net;
using System.Numerics;
using Tollway.Chain.X402;
using Books = Tollway.FunctionalTests.Infrastructure.Billing;

namespace Tollway.FunctionalTests.X402;

/// <summary>A settlement that was sent but not final in time is refused without serving or crediting, keeps its claim
/// (the transfer may still land), and is credited when the same payment comes again once it is final.</summary>
public sealed class X402UnconfirmedTests(X402SlowChainFixture gateway) : IClassFixture<X402SlowChainFixture>
{
    [Fact]
    public async Task Post_SettlementNotFinalInTime_RefusedThenCreditedByTheRetryOnceFinal()
    {
        var payer = await gateway.NewPayerAsync(1_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        var header = X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key);
        var upstream = gateway.Upstream.RequestCount;

        using var first = await X402Requests.SendAsync(gateway, header);

        await X402Requests.AssertRefusedAsync(first, X402Failure.SettlementFailed);
        Assert.Equal(BigInteger.Zero, await gateway.Token.BalanceOfAsync(payer.LowerAddress));
        var accountId = await X402Requests.AccountOfAsync(gateway, payer.Address);
        Assert.NotNull(accountId);
        Assert.Equal(0, await Books.BalanceAsync(gateway, accountId));

        await gateway.Chain.MineAsync();
        using var retry = await X402Requests.SendAsync(gateway, header);

        await X402Requests.AssertRefusedAsync(retry, X402Failure.NonceUsed);
        var settlement = X402Codec.DecodeSettlement(retry.Headers.GetValues(X402Headers.PaymentResponse).Single());
        Assert.True(settlement?.Success);
        Assert.Equal(accountId, await X402Requests.AccountOfAsync(gateway, payer.Address));
        Assert.Equal(1_000_000, await Books.BalanceAsync(gateway, accountId));
        Assert.Equal(upstream, gateway.Upstream.RequestCount);

        using var again = await X402Requests.SendAsync(gateway, header);
        await X402Requests.AssertRefusedAsync(again, X402Failure.NonceUsed);
        Assert.Equal(1_000_000, await Books.BalanceAsync(gateway, accountId));
        Assert.Equal(HttpStatusCode.PaymentRequired, again.StatusCode);
    }
}
