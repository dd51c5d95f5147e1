using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Catalog.Models;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>Every request is held, settled on the provider's usage, and its cost told back to the caller.</summary>
public sealed class ChargingTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Chat = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_tokens":100}""";

    // gpt-4o-mini in the fixture: input $0.15/M, cached input $0.075/M, output $0.60/M, no markup.
    private static readonly UpstreamUsage Usage = new(PromptTokens: 1000, CompletionTokens: 500, CachedTokens: 800, ReasoningTokens: 0);

    /// <summary>200 uncached × $0.15/M + 800 cached × $0.075/M + 500 × $0.60/M = $0.00039, in nano-USD.</summary>
    private const long ExpectedCost = ((200 * 150_000_000L) + (800 * 75_000_000L) + (500 * 600_000_000L)) / 1_000_000;

    [Fact]
    public async Task Chat_Served_ChargesTheUsageAtItsRatesAndReportsTheCost()
    {
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("charged", "1");
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(Usage));

        using var response = await gateway.PostAsync("/v1/chat/completions", ChatBodies.LargePrompt(), key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("usage");
        Assert.Equal(ExpectedCost, Nanos(usage.GetProperty("cost")));
        Assert.Equal(ExpectedCost, Nanos(usage.GetProperty("cost_details").GetProperty("upstream_inference_cost")));
        Assert.Equal(0, Nanos(usage.GetProperty("cost_details").GetProperty("markup")));
        Assert.Equal(1000, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(ExpectedCost, NanosOf(response.Headers.GetValues("x-tollway-cost").Single()));
        Assert.Equal(1_000_000_000 - ExpectedCost, NanosOf(response.Headers.GetValues("x-tollway-balance").Single()));

        var charge = await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.NotNull(charge);
        Assert.Equal(ExpectedCost, charge.Total);
        Assert.Equal(800, charge.CachedTokens);
        Assert.False(charge.Estimated);
        Assert.Equal(1_000_000_000 - ExpectedCost, await Infrastructure.Billing.BalanceAsync(gateway, accountId));
        Assert.True((await Infrastructure.Billing.ReconcileAsync(gateway)).IsBalanced);
    }

    [Fact]
    public async Task Chat_StreamedAndNot_CostExactlyTheSame()
    {
        var (key, _, _) = await gateway.CreateFundedKeyAsync("stream vs plain", "1");
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(Usage));
        using var plain = await gateway.PostAsync("/v1/chat/completions", ChatBodies.LargePrompt(), key);
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(Usage));
        using var streamed = await gateway.PostAsync("/v1/chat/completions", ChatBodies.LargePrompt(stream: true, streamUsage: true), key);
        var events = (await streamed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..]).ToList();

        var plainCharge = await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(plain));
        var streamCharge = await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(streamed));
        Assert.Equal(ExpectedCost, plainCharge!.Total);
        Assert.Equal(plainCharge.Total, streamCharge!.Total);
        Assert.True(streamCharge.Streamed);
        Assert.Equal("[DONE]", events[^1]);
        var usageChunk = JsonDocument.Parse(events[^2]).RootElement.GetProperty("usage");
        Assert.Equal(ExpectedCost, Nanos(usageChunk.GetProperty("cost")));
    }

    [Fact]
    public async Task Chat_BalanceBelowTheWorstCase_Answers402WithoutUpstreamCall()
    {
        // Worst case: prompt estimate × $0.15/M + 100 × $0.60/M ≈ 60 µ$ plus the prompt; $0.00001 cannot cover it.
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("poor", "0.00001");
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat, key);

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        var error = await GatewayFixture.ReadErrorAsync(response);
        Assert.Equal("insufficient_quota", error.GetProperty("type").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
        Assert.Equal(10_000, await Infrastructure.Billing.BalanceAsync(gateway, accountId));
    }

    [Fact]
    public async Task Chat_ModelWithoutAPrice_FailsClosedWithoutUpstreamCall()
    {
        // Config refuses unpriced endpoints at start; a catalog published at run time (an import) could still hold one.
        var state = gateway.Services.GetRequiredService<CatalogState>();
        var before = state.Current;
        var priced = before.Models.Single(m => m.Id == "gpt-4o-mini");
        state.Publish(new ModelCatalog([.. before.Models, priced with { Id = "unpriced-model", Endpoints = [priced.Endpoints[0] with { Pricing = null }] }]));
        gateway.Upstream.Reset();
        try
        {
            using var response = await gateway.PostAsync("/v1/chat/completions", """{"model":"unpriced-model","messages":[]}""");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("model_not_priced", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
            Assert.Equal(0, gateway.Upstream.RequestCount);
        }
        finally
        {
            state.Publish(before);
        }
    }

    [Fact]
    public async Task Chat_UpstreamFails_NothingIsCharged()
    {
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("upstream down", "1");
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(503));

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat, key);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Null(await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response)));
        Assert.Equal(1_000_000_000, await Infrastructure.Billing.BalanceAsync(gateway, accountId));
    }

    [Fact]
    public async Task Stream_ClientLeavesAndNoUsageComesBeforeTheTotalTimeout_IsBilledTheReasoningItMayHaveHidden()
    {
        var (key, _, _) = await gateway.CreateFundedKeyAsync("leaver", "1");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // trickle-model's total timeout (1.5 s) passes long before these 40 slow chunks and their usage (8 s) are done.
        gateway.Upstream.Enqueue(UpstreamFault.HoldStreamUntil(release) with
        {
            Content = string.Join(' ', Enumerable.Range(1, 40).Select(i => "word" + i)),
            ChunkInterval = TimeSpan.FromMilliseconds(200),
        });
        string requestId;
        var body = """{"model":"trickle-model","stream":true,"messages":[{"role":"user","content":"hi"}],"max_tokens":100}""";
        using (var response = await gateway.PostAsync("/v1/chat/completions", body, key, stream: true))
        {
            requestId = Infrastructure.Billing.RequestId(response);
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
            Assert.NotNull(await reader.ReadDataAsync(TestContext.Current.CancellationToken));
        }

        release.SetResult();
        var charge = await Infrastructure.Billing.WaitForChargeAsync(gateway, requestId);

        // The model is not declared free of hidden reasoning, so what it did not show may have filled max_tokens: the
        // output is billed at 100 tokens, the part the gateway did not see as reasoning, all at trickle-model's $1/M.
        Assert.True(charge.Estimated);
        Assert.True(charge.Streamed);
        Assert.Equal(100, charge.CompletionTokens);
        Assert.InRange(charge.ReasoningTokens, 1, 100);
        Assert.Equal((charge.PromptTokens + 100) * 1_000L, charge.Total);
    }

    [Fact]
    public async Task Embeddings_AreBilledOnPromptTokensOnly()
    {
        var (key, _, _) = await gateway.CreateFundedKeyAsync("embedder", "1");
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(5000, 0)));

        using var response = await gateway.PostAsync("/v1/embeddings", ChatBodies.LargeEmbedding(), key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var charge = await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.Equal(5000L * 20_000_000 / 1_000_000, charge!.Total);
    }

    private static long Nanos(JsonElement usd) => NanosOf(usd.GetRawText());

    private static long NanosOf(string usd) => Tollway.Gateway.Wire.UsdAmount.TryParseNanos(usd, out var nanos)
        ? nanos
        : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{usd}' is not an exact USD amount"));
}
