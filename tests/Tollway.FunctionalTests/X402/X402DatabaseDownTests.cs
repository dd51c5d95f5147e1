using System.Net;
using System.Numerics;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.X402;
using Tollway.Testing.Chain;

namespace Tollway.FunctionalTests.X402;

/// <summary>
/// A paid request while the database cannot be reached is answered 503 with <c>Retry-After</c> in OpenAI's shape, never
/// a 500, and nothing is sent upstream: before the payment is claimed nothing moves on chain either, so the same payment
/// can be sent again; after it settled, the answer says so (<c>PAYMENT-RESPONSE</c>), since the money has moved.
/// </summary>
public sealed class X402DatabaseDownTests(X402DatabaseDownFixture gateway) : IClassFixture<X402DatabaseDownFixture>
{
    [Fact]
    public async Task Post_PaidWhileTheDatabaseIsDown_Answers503AndMovesNothingSoThePaymentCanBeSentAgain()
    {
        var payer = await gateway.NewPayerAsync(5_000);
        var payment = await PaymentAsync(payer);
        gateway.Upstream.Reset();

        HttpResponseMessage refused;
        gateway.Database.Down = gateway.Ledger.Down = true;
        try
        {
            refused = await X402Requests.SendAsync(gateway, payment);
        }
        finally
        {
            gateway.Database.Down = gateway.Ledger.Down = false;
        }

        using (refused)
        {
            await AssertUnavailableAsync(refused);
            Assert.False(refused.Headers.Contains(X402Headers.PaymentResponse));
        }

        Assert.Equal(new BigInteger(5_000), await gateway.Token.BalanceOfAsync(payer.LowerAddress));
        using var again = await X402Requests.SendAsync(gateway, payment);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Post_DatabaseLostOnceThePaymentSettled_Answers503TellingThePayerItsPaymentWentThrough()
    {
        var payer = await gateway.NewPayerAsync(5_000);
        var payment = await PaymentAsync(payer);
        gateway.Upstream.Reset();

        HttpResponseMessage refused;
        gateway.Ledger.Down = true;
        try
        {
            refused = await X402Requests.SendAsync(gateway, payment);
        }
        finally
        {
            gateway.Ledger.Down = false;
        }

        using (refused)
        {
            await AssertUnavailableAsync(refused);
            var settled = X402Codec.DecodeSettlement(refused.Headers.GetValues(X402Headers.PaymentResponse).Single());
            Assert.True(settled!.Success);
        }

        Assert.Equal(new BigInteger(4_000), await gateway.Token.BalanceOfAsync(payer.LowerAddress));
    }

    private async Task<string> PaymentAsync(TestWallet payer)
    {
        var challenge = await X402Requests.ChallengeAsync(gateway);
        return X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key);
    }

    private async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("database_unavailable", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }
}
