using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Tollway.Chain.X402;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Chain;

namespace Tollway.FunctionalTests.X402;

/// <summary>
/// A paid request while the database cannot be reached is answered 503 with <c>Retry-After</c> in its client's shape
/// (OpenAI's, or Anthropic's on <c>/v1/messages</c>), never a 500, and nothing is sent upstream: before the payment is
/// claimed nothing moves on chain either, so the same payment can be sent again; after it settled, the answer says so
/// (<c>PAYMENT-RESPONSE</c>), since the money has moved.
/// </summary>
public sealed class X402DatabaseDownTests(X402DatabaseDownFixture gateway) : IClassFixture<X402DatabaseDownFixture>
{
    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/messages")]
    public async Task Post_PaidWhileTheDatabaseIsDown_Answers503InItsClientsShapeAndMovesNothingSoThePaymentCanBeSentAgain(string path)
    {
        var payer = await gateway.NewPayerAsync(5_000);
        var payment = await PaymentAsync(payer);

        using (var refused = await SendWhileDownAsync(payment, path, gateway.Database, gateway.Ledger))
        {
            await AssertUnavailableAsync(refused, path);
            Assert.False(refused.Headers.Contains(X402Headers.PaymentResponse));
        }

        Assert.Equal(new BigInteger(5_000), await gateway.Token.BalanceOfAsync(payer.LowerAddress));
        using var again = await X402Requests.SendAsync(gateway, payment, path: path);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Post_DatabaseLostOnceThePaymentSettled_Answers503TellingThePayerItsPaymentWentThrough()
    {
        var payer = await gateway.NewPayerAsync(5_000);
        var payment = await PaymentAsync(payer);

        using (var refused = await SendWhileDownAsync(payment, "/v1/chat/completions", gateway.Ledger))
        {
            await AssertUnavailableAsync(refused, "/v1/chat/completions");
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

    /// <summary>Sends the payment with the given stores cut off, and brings them back whatever happens.</summary>
    private async Task<HttpResponseMessage> SendWhileDownAsync(string payment, string path, params DatabaseSwitch[] down)
    {
        gateway.Upstream.Reset();
        Array.ForEach(down, store => store.Down = true);
        try
        {
            return await X402Requests.SendAsync(gateway, payment, path: path);
        }
        finally
        {
            Array.ForEach(down, store => store.Down = false);
        }
    }

    private async Task AssertUnavailableAsync(HttpResponseMessage response, string path)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        if (path == "/v1/messages")
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.Equal(("error", "api_error"), (body.GetProperty("type").GetString(), body.GetProperty("error").GetProperty("type").GetString()));
        }
        else
        {
            Assert.Equal("database_unavailable", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
        }

        Assert.Equal(0, gateway.Upstream.RequestCount);
    }
}
