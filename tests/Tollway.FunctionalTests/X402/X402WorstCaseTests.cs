using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tollway.Chain.X402;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Pricing;

namespace Tollway.FunctionalTests.X402;

/// <summary>
/// A request without a key is quoted through the same worst case as a held one: a worst case too large for a
/// <see cref="long"/> is the same 400 naming the member to lower, never a challenge for a wrapped (negative) amount.
/// </summary>
public sealed class X402WorstCaseTests(X402Fixture gateway) : IClassFixture<X402Fixture>
{
    [Theory]
    [InlineData("""{"model":"flat-model","n":3,"max_tokens":600000000,"messages":[{"role":"user","content":"Hello"}]}""", "n")]
    [InlineData("""{"model":"flat-model","max_tokens":2000000000,"messages":[{"role":"user","content":"Hello"}]}""", "max_tokens")]
    public async Task Post_WorstCasePastALong_Is400WithoutAChallenge(string body, string param)
    {
        var administration = gateway.Services.GetRequiredService<LedgerAdministration>();
        var ct = TestContext.Current.CancellationToken;
        // $5,000,000 per million output tokens and a 100 % markup: one choice of 600M tokens fits in a long, three do not.
        await administration.SetPriceAsync(new PriceOverride("flat-model", "fake", new ModelPricing(0, 5_000_000_000_000_000)), ct);
        await administration.SetMarkupAsync(MarkupScope.Global, "", 1_000_000, ct);
        gateway.Upstream.Reset();

        using var response = await X402Requests.SendAsync(gateway, body: body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        Assert.False(response.Headers.Contains(X402Headers.PaymentRequired));
        var error = await GatewayFixture.ReadErrorAsync(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }
}
