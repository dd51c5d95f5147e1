using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Pricing;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>
/// Issue 14's exploit, replayed end to end: a worst case too large for a <see cref="long"/> once the markup is on it
/// used to wrap into a negative hold, after which the account was served without limit. It is now a 400 naming the
/// member to lower, with nothing held and nothing sent, and the account stays exactly as limited as its balance.
/// </summary>
public sealed class WorstCaseOverflowTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    /// <summary>$600 per million output tokens (nano-USD per million), an o1-pro-like price; prompts free.</summary>
    private const long DearOutput = 600_000_000_000;

    /// <summary>$5,000,000 per million output tokens: absurd, but an operator's typo can set it, and it must not wrap.</summary>
    private const long AbsurdOutput = 5_000_000_000_000_000;

    /// <summary>A canned answer, so that a gateway that wrongly forwards a crafted request gets something small back.</summary>
    private const string CannedAnswer = """
        {"id":"chatcmpl-canned","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":5,"total_tokens":10}}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chat_ExploitWithHugeNAndMarkup_Is400ThenTheAccountStaysLimited()
    {
        var (key, accountId, _) = await FundedWithMarkupAsync("exploit", "0.0001");
        await PriceAsync("flat-model", DearOutput);

        using (var crafted = await SendCraftedAsync("""{"model":"flat-model","messages":[{"role":"user","content":"hi"}],"n":2000000000,"max_tokens":4096}""", key))
        {
            await AssertRefusedAsync(crafted, "n", accountId, 100_000);
        }

        // 20 requests whose worst case ($0.12 each) the $0.0001 cannot cover: none is served.
        var unaffordable = 0;
        for (var i = 0; i < 20; i++)
        {
            using var response = await gateway.PostAsync("/v1/chat/completions",
                """{"model":"flat-model","messages":[{"role":"user","content":"hi"}],"max_tokens":100}""", key);
            unaffordable += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
            Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        }

        Assert.Equal(0, unaffordable);
        Assert.Equal(0, gateway.Upstream.RequestCount);

        // Five small requests it can afford (each well under $0.00001 at gpt-4o-mini's price and 100 % markup) are all served.
        for (var i = 0; i < 5; i++)
        {
            using var response = await gateway.PostAsync("/v1/chat/completions",
                """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_tokens":5}""", key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(5, gateway.Upstream.RequestCount);
        Assert.Equal(0, gateway.Services.GetRequiredService<BalanceBook>().HeldOnThisNode(accountId));
        Assert.True((await Infrastructure.Billing.ReconcileAsync(gateway)).IsBalanced);
    }

    [Theory]
    [InlineData("""{"model":"house-model","messages":[{"role":"user","content":"hi"}],"n":3,"max_tokens":600000000}""", "n")]
    [InlineData("""{"model":"house-model","messages":[{"role":"user","content":"hi"}],"max_tokens":2000000000}""", "max_tokens")]
    [InlineData("""{"model":"house-model","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":2000000000}""", "max_completion_tokens")]
    public async Task Chat_WorstCasePastALong_Is400NamingTheMemberToLower(string body, string param)
    {
        // One choice of 600M tokens at $5M/M with 100 % markup is $6B (it fits); three are $18B, past 2^63 nano-USD.
        var (key, accountId, _) = await FundedWithMarkupAsync("absurd price " + param, "1");
        await PriceAsync("house-model", AbsurdOutput);

        using var response = await SendCraftedAsync(body, key);

        await AssertRefusedAsync(response, param, accountId, 1_000_000_000);
    }

    [Fact]
    public async Task Messages_WorstCasePastALong_Is400InAnthropicShapeNamingMaxTokens()
    {
        var (key, accountId, _) = await FundedWithMarkupAsync("absurd messages", "1");
        await PriceAsync("house-model", AbsurdOutput);
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithBody(200, CannedAnswer));

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages",
            """{"model":"house-model","max_tokens":2000000000,"messages":[{"role":"user","content":"hi"}]}""", key);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal("error", root.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", root.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("'max_tokens'", root.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, gateway.Upstream.RequestCount);
        Assert.Equal(1_000_000_000, await Infrastructure.Billing.BalanceAsync(gateway, accountId));
        Assert.Equal(0, gateway.Services.GetRequiredService<BalanceBook>().HeldOnThisNode(accountId));
        gateway.Upstream.Reset();
    }

    /// <summary>An account with a 100 % markup of its own (this class's accounts only) and its key.</summary>
    private async Task<(string Key, string AccountId, string KeyId)> FundedWithMarkupAsync(string name, string usd)
    {
        var funded = await gateway.CreateFundedKeyAsync(name, usd);
        await gateway.Services.GetRequiredService<LedgerAdministration>().SetMarkupAsync(MarkupScope.Account, funded.AccountId, 1_000_000, Ct);
        return funded;
    }

    private async Task PriceAsync(string model, long outputPerMillion) =>
        await gateway.Services.GetRequiredService<LedgerAdministration>().SetPriceAsync(new PriceOverride(model, "fake", new ModelPricing(0, outputPerMillion)), Ct);

    /// <summary>Sends a request the gateway must refuse; should it be forwarded, the upstream answers small, not with
    /// billions of choices.</summary>
    private async Task<HttpResponseMessage> SendCraftedAsync(string body, string key)
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithBody(200, CannedAnswer));
        return await gateway.PostAsync("/v1/chat/completions", body, key);
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, string param, string accountId, long funded)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        var error = await GatewayFixture.ReadErrorAsync(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
        Assert.Equal(0, gateway.Services.GetRequiredService<BalanceBook>().HeldOnThisNode(accountId));
        Assert.Equal(funded, await Infrastructure.Billing.BalanceAsync(gateway, accountId));
        // The canned answer was not needed: nothing may be left queued for the requests after this one.
        gateway.Upstream.Reset();
    }
}
