using System.Net;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>
/// Features a provider bills apart from tokens, at the endpoint's prices: the priority tier's rates, 1-hour cache writes
/// at their rate, each web search at its fee; held at their dearest (a request with server tools for every sampling
/// step's whole window), charged on what the provider reports.
/// </summary>
public sealed class PricedFeatureTests(FeaturePricingFixture gateway) : IClassFixture<FeaturePricingFixture>
{
    // Room in every hold for the usage the fake reports: a charge is never more than its hold.
    private const int MaxTokens = 1_000;

    [Fact]
    public async Task Chat_PriorityTier_IsHeldAndChargedAtThePriorityRates()
    {
        const string standard = """{"model":"priority-gpt","max_tokens":1000,"messages":[{"role":"user","content":"Quickly, please."}]}""";
        var priority = standard.Replace("\"max_tokens\"", "\"service_tier\":\"priority\",\"max_tokens\"", StringComparison.Ordinal);

        var standardHold = await Holds.WorstCaseAsync(gateway, key => gateway.PostAsync("/v1/chat/completions", standard, key));
        var priorityHold = await Holds.WorstCaseAsync(gateway, key => gateway.PostAsync("/v1/chat/completions", priority, key));
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(PromptTokens: 1_000, CompletionTokens: 500)));
        using var response = await gateway.PostAsync("/v1/chat/completions", priority);

        // Twice the rates: the same prompt count, at $2/M and $4/M instead of $1/M and $2/M.
        Assert.Equal(2 * standardHold, priorityHold);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var charge = await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.Equal((1_000 * 2_000L) + (500 * 4_000L), charge!.Total);
        using var forwarded = gateway.Upstream.Requests[^1].ParseBody();
        Assert.Equal("priority", forwarded.RootElement.GetProperty("service_tier").GetString());
    }

    [Fact]
    public async Task Messages_WebSearch_HoldsEveryStepsWindowAndEverySearch()
    {
        // 3 sampling steps of the 100,000-token window at the $3.75/M write rate, 1,000 output tokens at $15/M, 4 searches at $0.01.
        const long bound = (FeaturePricingFixture.ServerToolIterations * PromptBoundsFixture.ContextWindow * 3_750L) + (MaxTokens * 15_000L) + (4 * 10_000_000L);
        var body = WebSearch(maxUses: 4);

        await Holds.AssertHoldsExactlyAsync(gateway, bound, key => AnthropicSdk.PostAsync(gateway, "/v1/messages", body, key));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Messages_WebSearch_ChargesEachSearchTheProviderRan(bool stream)
    {
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(PromptTokens: 1_000, CompletionTokens: 100) { WebSearchRequests = 2 }));

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", WebSearch(maxUses: 4, stream));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = Infrastructure.Billing.RequestId(response);
        var charge = await Infrastructure.Billing.WaitForChargeAsync(gateway, requestId);
        Assert.Equal((1_000 * 3_000L) + (100 * 15_000L) + (2 * 10_000_000L), charge.Total);
    }

    [Fact]
    public async Task Messages_WebSearchesNotReported_AreChargedAsManyAsAllowed()
    {
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(PromptTokens: 1_000, CompletionTokens: 100)));

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", WebSearch(maxUses: 4));

        var charge = await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.Equal((1_000 * 3_000L) + (100 * 15_000L) + (4 * 10_000_000L), charge!.Total);
    }

    [Fact]
    public async Task Messages_HourCacheWrites_AreHeldAndChargedAtTheirRate()
    {
        var fiveMinutes = Cached("5m");
        var hour = Cached("1h");

        var fiveMinuteHold = await Holds.WorstCaseAsync(gateway, key => AnthropicSdk.PostAsync(gateway, "/v1/messages", fiveMinutes, key));
        var hourHold = await Holds.WorstCaseAsync(gateway, key => AnthropicSdk.PostAsync(gateway, "/v1/messages", hour, key));
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(PromptTokens: 2_000, CompletionTokens: 100, CacheWriteTokens: 1_000) { CacheWrite1hTokens = 600 }));
        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", hour);

        // The same prompt at $6/M instead of $3.75/M; the output, 1,000 tokens at $15/M, alike.
        const long output = MaxTokens * 15_000L;
        Assert.Equal((fiveMinuteHold - output) * 6_000 / 3_750, hourHold - output);
        var charge = await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.Equal((1_000 * 3_000L) + (400 * 3_750L) + (600 * 6_000L) + (100 * 15_000L), charge!.Total);
    }

    [Fact]
    public async Task Chat_HourCacheWritesToAnthropic_AreAllChargedAtTheHourRate()
    {
        // Translated into OpenAI's usage the split is lost, so every write is billed at the dearer rate the request allowed.
        const string body = """{"model":"priced-claude","max_tokens":1000,"messages":[{"role":"user","content":[{"type":"text","text":"A long context.","cache_control":{"type":"ephemeral","ttl":"1h"}}]}]}""";
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(PromptTokens: 2_000, CompletionTokens: 100, CacheWriteTokens: 1_000) { CacheWrite1hTokens = 600 }));

        using var response = await gateway.PostAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var charge = await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.Equal((1_000 * 3_000L) + (1_000 * 6_000L) + (100 * 15_000L), charge!.Total);
        using var forwarded = gateway.Upstream.Requests[^1].ParseBody();
        var block = forwarded.RootElement.GetProperty("messages")[0].GetProperty("content")[0];
        Assert.Equal("1h", block.GetProperty("cache_control").GetProperty("ttl").GetString());
    }

    private static string WebSearch(int maxUses, bool stream = false) =>
        $$"""{"model":"priced-claude","max_tokens":{{MaxTokens}},"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"What happened today?"}],"tools":[{"type":"web_search_20250305","name":"web_search","max_uses":{{maxUses}}}]}""";

    private static string Cached(string ttl) =>
        $$$"""{"model":"priced-claude","max_tokens":{{{MaxTokens}}},"system":[{"type":"text","text":"A long, stable context.","cache_control":{"type":"ephemeral","ttl":"{{{ttl}}}"}}],"messages":[{"role":"user","content":"Go on."}]}""";
}
