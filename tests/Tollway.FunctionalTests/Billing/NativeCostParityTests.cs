using System.Net;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>
/// The same usage costs the same through every path: an OpenAI-format, an Anthropic-format and a Gemini provider at
/// equal prices, asked on <c>/v1/chat/completions</c> or <c>/v1/messages</c>, streamed or not; prompt-cache reads and
/// writes are each billed at their own rate.
/// </summary>
public sealed class NativeCostParityTests(NativeProvidersFixture gateway) : IClassFixture<NativeProvidersFixture>
{
    private static readonly string Prompt = string.Join(' ', Enumerable.Repeat("word", 1200));

    /// <summary>1,000 prompt tokens of which 200 read from the cache and 300 written to it, and 500 output tokens.</summary>
    private static readonly UpstreamUsage CachedUsage = new(PromptTokens: 1000, CompletionTokens: 500, CachedTokens: 200, CacheWriteTokens: 300);

    /// <summary>500 plain × $3/M + 200 cached × $0.30/M + 300 written × $3.75/M + 500 out × $15/M = $0.010185.</summary>
    private const long CachedUsageCost = ((500 * 3_000_000_000L) + (200 * 300_000_000L) + (300 * 3_750_000_000L) + (500 * 15_000_000_000L)) / 1_000_000;

    /// <summary>Gemini reports cache reads but has no cache writes: 1,000 prompt tokens of which 200 cached, 500 out.</summary>
    private static readonly UpstreamUsage ReadOnlyCacheUsage = new(PromptTokens: 1000, CompletionTokens: 500, CachedTokens: 200);

    /// <summary>800 plain × $3/M + 200 cached × $0.30/M + 500 out × $15/M = $0.00996.</summary>
    private const long ReadOnlyCacheUsageCost = ((800 * 3_000_000_000L) + (200 * 300_000_000L) + (500 * 15_000_000_000L)) / 1_000_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, bool> CacheWritingPaths()
    {
        var paths = new TheoryData<string, string, bool>();
        foreach (var model in new[] { "gpt-same", "claude" })
        {
            foreach (var endpoint in new[] { "/v1/chat/completions", "/v1/messages" })
            {
                paths.Add(model, endpoint, false);
                paths.Add(model, endpoint, true);
            }
        }

        return paths;
    }

    public static TheoryData<string, string, bool> CacheReadingPaths()
    {
        var paths = new TheoryData<string, string, bool>();
        foreach (var model in new[] { "gpt-same", "claude", "gemini" })
        {
            foreach (var endpoint in new[] { "/v1/chat/completions", "/v1/messages" })
            {
                paths.Add(model, endpoint, false);
                paths.Add(model, endpoint, true);
            }
        }

        return paths;
    }

    [Theory]
    [MemberData(nameof(CacheWritingPaths))]
    public async Task Request_CacheWritesAndReads_CostTheSameThroughEveryPath(string model, string endpoint, bool stream)
    {
        var charge = await ChargeForAsync(model, endpoint, stream, CachedUsage);

        Assert.Equal(CachedUsageCost, charge.Total);
        Assert.Equal(1000, charge.PromptTokens);
        Assert.Equal(200, charge.CachedTokens);
        Assert.Equal(300, charge.CacheWriteTokens);
        Assert.Equal(500, charge.CompletionTokens);
        Assert.False(charge.Estimated);
    }

    [Theory]
    [MemberData(nameof(CacheReadingPaths))]
    public async Task Request_CacheReads_CostTheSameThroughEveryPathIncludingGemini(string model, string endpoint, bool stream)
    {
        var charge = await ChargeForAsync(model, endpoint, stream, ReadOnlyCacheUsage);

        Assert.Equal(ReadOnlyCacheUsageCost, charge.Total);
        Assert.Equal(200, charge.CachedTokens);
        Assert.Equal(0, charge.CacheWriteTokens);
        Assert.False(charge.Estimated);
    }

    [Fact]
    public async Task Messages_CostIsToldInTheAnthropicUsage()
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(CachedUsage));

        using var response = await gateway.PostAsync("/v1/messages", Body("gpt-same", stream: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var usage = answer.RootElement.GetProperty("usage");
        Assert.Equal(500, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(200, usage.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(300, usage.GetProperty("cache_creation_input_tokens").GetInt32());
        Assert.Equal(500, usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal(CachedUsageCost, decimal.ToInt64(usage.GetProperty("cost").GetDecimal() * 1_000_000_000m));
    }

    private async Task<Tollway.Gateway.Money.Ledger.ChargeRecord> ChargeForAsync(string model, string endpoint, bool stream, UpstreamUsage usage)
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(usage));

        using var response = await gateway.PostAsync(endpoint, Body(model, stream), stream: stream);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.Content.ReadAsStringAsync(Ct);
        return await Infrastructure.Billing.WaitForChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
    }

    /// <summary>A request both APIs read alike: one user message of text, and <c>max_tokens</c>.</summary>
    private static string Body(string model, bool stream) =>
        $$"""{"model":"{{model}}","max_tokens":1000,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"{{Prompt}}"}]}""";
}
