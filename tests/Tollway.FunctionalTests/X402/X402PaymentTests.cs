using System.Net;
using System.Numerics;
using System.Text.Json;
using Tollway.Chain.X402;
using Tollway.Gateway.Money.Ledger;
using Books = Tollway.FunctionalTests.Infrastructure.Billing;

namespace Tollway.FunctionalTests.X402;

/// <summary>
/// x402 end to end on a real chain, with payments built the way clients build them: the challenge, a paid request
/// (settled on chain, credited, served, the rest left as credit), a replay, and a version-1 payment.
/// </summary>
public sealed class X402PaymentTests(X402Fixture gateway) : IClassFixture<X402Fixture>
{
    [Fact]
    public async Task Post_NoKey_AnswersTheChallengeForThisRequestsWorstCaseWithoutCallingUpstream()
    {
        var before = gateway.Upstream.RequestCount;

        using var response = await X402Requests.SendAsync(gateway);

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        var challenge = X402Requests.Required(response);
        Assert.Equal(2, challenge.X402Version);
        Assert.Equal("PAYMENT-SIGNATURE header is required", challenge.Error);
        Assert.Equal(new Uri(gateway.BaseUrl, "/v1/chat/completions").ToString(), challenge.Resource.Url);
        var offer = Assert.Single(challenge.Accepts);
        Assert.Equal(("exact", "eip155:31337", X402Requests.QuoteUnits, gateway.Treasury, gateway.Token.Address, "Tollway Test USD", "2"),
            (offer.Scheme, offer.Network, offer.Amount, offer.PayTo.ToLowerInvariant(), offer.Asset.ToLowerInvariant(), offer.Extra?.Name, offer.Extra?.Version));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var v1 = Assert.Single(body.RootElement.GetProperty("accepts").EnumerateArray());
        Assert.Equal(X402Requests.QuoteUnits, v1.GetProperty("maxAmountRequired").GetString());
        Assert.Equal(challenge.Resource.Url, v1.GetProperty("resource").GetString());
        Assert.Equal(before, gateway.Upstream.RequestCount);
    }

    [Fact]
    public async Task Post_SameBodyTwice_IsQuotedTheSame()
    {
        var first = await X402Requests.ChallengeAsync(gateway);
        var second = await X402Requests.ChallengeAsync(gateway);

        Assert.Equal(first.Accepts, second.Accepts);
    }

    [Theory]
    [InlineData("free-model", 1000)]
    [InlineData("flat-model", 10)]
    public async Task Post_WorstCaseBelowTheGasOfASettlement_QuotedTheMinimumAndTheRestStaysAsCredit(string model, int maxTokens)
    {
        var body = $$"""{"model":"{{model}}","max_tokens":{{maxTokens}},"messages":[{"role":"user","content":"Hello"}]}""";
        var payer = await gateway.NewPayerAsync(1_000);
        var challenge = await X402Requests.ChallengeAsync(gateway, body);
        Assert.Equal(X402Requests.MinimumQuoteUnits, Assert.Single(challenge.Accepts).Amount);

        using var response = await X402Requests.SendAsync(gateway, X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key), body: body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new BigInteger(880), await gateway.Token.BalanceOfAsync(payer.LowerAddress));
        var accountId = (await X402Requests.AccountOfAsync(gateway, payer.Address))!;
        var charge = await Books.WaitForChargeAsync(gateway, Books.RequestId(response));
        Assert.InRange(charge.Total, 0, maxTokens * 1_000);
        Assert.Equal(120_000 - charge.Total, await Books.BalanceAsync(gateway, accountId));
    }

    [Fact]
    public async Task Post_WithAKeyThatIsWrong_StillAnswers401()
    {
        using var response = await gateway.PostAsync("/v1/chat/completions", X402Requests.Body, key: "tw-" + new string('x', 40));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_PaidV2_SettlesOnChainCreditsTheWalletServesAndKeepsTheRestAsCredit()
    {
        var payer = await gateway.NewPayerAsync(5_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        var authorization = X402Payer.Authorize(payer, challenge.Accepts[0]);
        var treasuryBefore = await gateway.Token.BalanceOfAsync(gateway.Treasury);

        using var response = await X402Requests.SendAsync(gateway, X402Payer.V2(challenge, authorization, payer.Key));

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Contains("Hello from the fake upstream.", text, StringComparison.Ordinal);
        var settlement = X402Codec.DecodeSettlement(response.Headers.GetValues(X402Headers.PaymentResponse).Single());
        Assert.True(settlement?.Success);
        Assert.Equal("eip155:31337", settlement?.Network);
        Assert.Equal(payer.LowerAddress, settlement?.Payer);
        Assert.Matches("^0x[0-9a-f]{64}$", settlement?.Transaction);
        Assert.Equal(new BigInteger(4_000), await gateway.Token.BalanceOfAsync(payer.LowerAddress));
        Assert.Equal(treasuryBefore + 1_000, await gateway.Token.BalanceOfAsync(gateway.Treasury));

        var accountId = await X402Requests.AccountOfAsync(gateway, payer.Address);
        Assert.NotNull(accountId);
        var credit = await X402Requests.CreditAsync(gateway, $"x402:31337:{gateway.Token.Address}:{payer.LowerAddress}:{authorization.Nonce}");
        Assert.Equal(LedgerTransactionKind.Deposit, credit?.Kind);
        Assert.Contains(new Posting(LedgerAccounts.User(accountId), 1_000_000), credit!.Postings);
        var charge = await Books.ChargeAsync(gateway, Books.RequestId(response));
        Assert.Equal(accountId, charge?.AccountId);
        Assert.True(charge!.Total is > 0 and < 1_000_000);
        Assert.Equal(1_000_000 - charge.Total, await Books.BalanceAsync(gateway, accountId));
    }

    [Fact]
    public async Task Post_ReplayOfAServedPayment_RefusedWithTheSameTransactionAndNothingMoves()
    {
        var payer = await gateway.NewPayerAsync(5_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        var header = X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key);
        using var served = await X402Requests.SendAsync(gateway, header);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var transaction = X402Codec.DecodeSettlement(served.Headers.GetValues(X402Headers.PaymentResponse).Single())!.Transaction;
        var upstream = gateway.Upstream.RequestCount;
        var accountId = (await X402Requests.AccountOfAsync(gateway, payer.Address))!;
        var credit = await Books.BalanceAsync(gateway, accountId);

        using var retry = await X402Requests.SendAsync(gateway, header);

        await X402Requests.AssertRefusedAsync(retry, X402Failure.NonceUsed);
        Assert.Equal(transaction, X402Codec.DecodeSettlement(retry.Headers.GetValues(X402Headers.PaymentResponse).Single())?.Transaction);
        Assert.Equal(upstream, gateway.Upstream.RequestCount);
        Assert.Equal(new BigInteger(4_000), await gateway.Token.BalanceOfAsync(payer.LowerAddress));
        Assert.Equal(credit, await Books.BalanceAsync(gateway, accountId));
    }

    [Fact]
    public async Task Post_SameAuthorizationSentManyTimesAtOnce_ServesExactlyOne()
    {
        var payer = await gateway.NewPayerAsync(5_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        var header = X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key);
        var upstream = gateway.Upstream.RequestCount;

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => X402Requests.SendAsync(gateway, header)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await X402Requests.AssertRefusedAsync(refused, X402Failure.NonceUsed);
        }

        Assert.Equal(upstream + 1, gateway.Upstream.RequestCount);
        Assert.Equal(new BigInteger(4_000), await gateway.Token.BalanceOfAsync(payer.LowerAddress));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    /// <summary>
    /// The official version-1 client (<c>x402-fetch</c>) cannot pay a local chain: its networks are a closed list of
    /// public chains by name, with their chain ids fixed in the package, so it can neither select nor sign for chain
    /// 31337. This builds <c>X-PAYMENT</c> as that client does (network by name where x402 v1 has one, else CAIP-2).
    /// </summary>
    [Fact]
    public async Task Post_PaidV1XPayment_IsServedWithXPaymentResponse()
    {
        var payer = await gateway.NewPayerAsync(1_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);

        using var response = await X402Requests.SendAsync(gateway, X402Payer.V1(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key), X402Headers.XPayment);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var settlement = X402Codec.DecodeSettlement(response.Headers.GetValues(X402Headers.XPaymentResponse).Single());
        Assert.True(settlement?.Success);
        Assert.Equal(payer.LowerAddress, settlement?.Payer);
        Assert.False(response.Headers.Contains(X402Headers.PaymentResponse));
        Assert.Equal(BigInteger.Zero, await gateway.Token.BalanceOfAsync(payer.LowerAddress));
    }

    [Fact]
    public async Task Post_WalletThatPaidBefore_IsCreditedToTheSameAccount()
    {
        var payer = await gateway.NewPayerAsync(2_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        using var first = await X402Requests.SendAsync(gateway, X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key));
        var accountId = await X402Requests.AccountOfAsync(gateway, payer.Address);
        var afterFirst = await Books.BalanceAsync(gateway, accountId!);

        using var second = await X402Requests.SendAsync(gateway, X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(accountId, await X402Requests.AccountOfAsync(gateway, payer.Address));
        var charge = await Books.ChargeAsync(gateway, Books.RequestId(second));
        Assert.Equal(afterFirst + 1_000_000 - charge!.Total, await Books.BalanceAsync(gateway, accountId!));
    }

    [Fact]
    public async Task Post_WorstCaseAboveTheMaximumQuote_RefusedWith400BeforeAnyOffer()
    {
        using var response = await X402Requests.SendAsync(gateway, body: """{"model":"flat-model","max_tokens":6000000,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("x402_quote_too_large", (await ReadErrorAsync(response)).GetProperty("code").GetString());
        Assert.False(response.Headers.Contains(X402Headers.PaymentRequired));
    }

    [Fact]
    public async Task Post_PaidStream_CarriesThePaymentResponseAndStreamsTheAnswer()
    {
        const string body = """{"model":"flat-model","max_tokens":1000,"stream":true,"messages":[{"role":"user","content":"Hello"}]}""";
        var payer = await gateway.NewPayerAsync(1_000);
        using var challengeResponse = await X402Requests.SendAsync(gateway, body: body);
        var challenge = X402Requests.Required(challengeResponse);

        using var response = await X402Requests.SendAsync(gateway, X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key), body: body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(X402Codec.DecodeSettlement(response.Headers.GetValues(X402Headers.PaymentResponse).Single())?.Success);
        Assert.Contains("data: [DONE]", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static Task<JsonElement> ReadErrorAsync(HttpResponseMessage response) => Infrastructure.GatewayFixture.ReadErrorAsync(response);
}
