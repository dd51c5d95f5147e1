using System.Net;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>
/// A runtime price (the admin API's <c>PUT /admin/v1/prices</c>, like <c>tollway prices set</c> and an import) sets
/// token rates: the features priced apart stay at their configured prices, never below the rates now in force, and a
/// fee the price does not state stays as it was. Its own gateway: the prices it sets would reprice other suites.
/// </summary>
public sealed class RuntimePriceFeatureTests(FeaturePricingFixture gateway) : IClassFixture<FeaturePricingFixture>
{
    [Fact]
    public async Task SetPrice_WithoutARequestFee_KeepsTheFeeInForce()
    {
        await SetPriceAsync("fee-gpt", "fake", "2", "4");

        // 1,000 prompt tokens at $2/M, 100 output tokens at $4/M, and the $0.01 fee.
        Assert.Equal((1_000 * 2_000L) + (100 * 4_000L) + 10_000_000, await ChargeAsync("fee-gpt", ""));
    }

    [Fact]
    public async Task SetPrice_OfASearchingEndpoint_KeepsItsSearchPrice()
    {
        await SetPriceAsync("search-gpt", "fake", "2", "4");

        Assert.Equal((1_000 * 2_000L) + (100 * 4_000L) + 30_000_000, await ChargeAsync("search-gpt", ""));
    }

    [Fact]
    public async Task SetPrice_OfAnAudioEndpoint_KeepsItsAudioPrice()
    {
        await SetPriceAsync("audio-gemini", "gemini-native", "0.5", "1");
        const string audio = """,{"type":"image_url","image_url":{"url":"data:audio/wav;base64,UklGRg=="}}""";

        // 600 text tokens at the new $0.50/M, 400 audio tokens at the configured $3/M, 100 output at the new $1/M.
        Assert.Equal((600 * 500L) + (400 * 3_000L) + (100 * 1_000L), await ChargeAsync("audio-gemini", audio, audioTokens: 400));
    }

    [Fact]
    public async Task SetPrice_AboveThePriorityRates_BillsThePriorityTierAtTheRatesInForce()
    {
        await SetPriceAsync("priority-gpt", "fake", "3", "6");

        // The configured priority tier ($2/M, $4/M) is now below the standard rates: a priority request never costs less.
        Assert.Equal((1_000 * 3_000L) + (100 * 6_000L), await ChargeAsync("priority-gpt", "", members: ""","service_tier":"priority" """));
    }

    private async Task SetPriceAsync(string model, string provider, string input, string output)
    {
        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Put, "/admin/v1/prices", new { model, provider, input, output });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<long> ChargeAsync(string model, string part, int? audioTokens = null, string members = "")
    {
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(PromptTokens: 1_000, CompletionTokens: 100) { AudioTokens = audioTokens }));
        var body = $$"""{"model":"{{model}}","max_tokens":1000{{members}},"messages":[{"role":"user","content":[{"type":"text","text":"Hello."}{{part}}]}]}""";

        using var response = await gateway.PostAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response)))!.Total;
    }
}
