using Microsoft.Extensions.DependencyInjection;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Money.Billing;
using Tollway.Testing;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>
/// A client that leaves is billed what the provider bills the operator: the gateway reads the provider's answer on to
/// its usage, hidden reasoning included, whichever dialect the provider and the client speak — whether the client left
/// a stream under way or while the provider was still thinking over a request it already had (which is then neither
/// withdrawn nor sent again).
/// </summary>
public sealed class ClientLeavesTests(NativeProvidersFixture gateway) : IClassFixture<NativeProvidersFixture>
{
    /// <summary>3,000 output tokens of which 2,000 reasoning the stream never shows (Anthropic counts them in its output).</summary>
    private static readonly UpstreamUsage HiddenReasoning = new(PromptTokens: 1000, CompletionTokens: 3000, ReasoningTokens: 2000);

    /// <summary>1,000 × $3/M + 3,000 × $15/M (reasoning is priced as output) = $0.048.</summary>
    private const long HiddenReasoningCost = ((1000 * 3_000_000_000L) + (3000 * 15_000_000_000L)) / 1_000_000;

    /// <summary>How long the provider thinks before its first byte: ample for the gateway to see a closed connection.</summary>
    private static readonly TimeSpan Thinking = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData("gpt-same", false)]
    [InlineData("gpt-same", true)]
    [InlineData("claude", false)]
    [InlineData("claude", true)]
    public async Task Post_ClientLeavesWhileTheProviderThinks_IsBilledTheProvidersUsageOfItsOneCall(string model, bool stream)
    {
        var ct = TestContext.Current.CancellationToken;
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync($"impatient {model} {stream}", "1");
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithLatency(Thinking) with { Usage = HiddenReasoning });
        var body = $$"""{"model":"{{model}}","max_tokens":4000,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""";

        using (var leaving = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var call = gateway.PostUntilLeftAsync("/v1/chat/completions", body, key, stream, leaving.Token);
            await Eventually.TrueAsync(() => gateway.Upstream.RequestCount == 1, "the provider has the request", ct);
            await leaving.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }

        // The provider answered after the client had gone: its answer was read, and billed on its usage.
        var charge = await Infrastructure.Billing.WaitForAccountChargeAsync(gateway, accountId);
        Assert.False(charge.Estimated);
        Assert.Equal(stream, charge.Streamed);
        Assert.Equal(3000, charge.CompletionTokens);
        Assert.Equal(HiddenReasoningCost, charge.Total);
        Assert.Equal(1, gateway.Upstream.RequestCount);
        Assert.Equal(1_000_000_000 - HiddenReasoningCost, await Infrastructure.Billing.BalanceAsync(gateway, accountId));
        var row = await RequestLogRows.WaitForAccountAsync(gateway, accountId);
        Assert.Equal(499L, row["status"]);
    }

    [Theory]
    [InlineData("gpt-same", "/v1/chat/completions")]
    [InlineData("claude", "/v1/chat/completions")]
    [InlineData("gemini", "/v1/chat/completions")]
    [InlineData("gpt-same", "/v1/messages")]
    [InlineData("claude", "/v1/messages")]
    [InlineData("gemini", "/v1/messages")]
    public async Task Stream_ClientLeavesAfterTheFirstEvent_IsBilledTheProvidersUsageHiddenReasoningIncluded(string model, string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync($"leaver {model} {path}", "1");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Upstream.Reset();
        // Slow words after the first event: the gateway finds the client gone long before the usage comes (40 words,
        // 4 s; a busy machine can take more than a second to notice a closed connection).
        gateway.Upstream.Enqueue(UpstreamFault.HoldStreamUntil(release) with
        {
            Usage = HiddenReasoning,
            Content = string.Join(' ', Enumerable.Range(1, 40).Select(i => "word" + i)),
            ChunkInterval = TimeSpan.FromMilliseconds(100),
        });
        string requestId;
        var body = $$"""{"model":"{{model}}","max_tokens":4000,"stream":true,"messages":[{"role":"user","content":"hi"}]}""";
        using (var response = await gateway.PostAsync(path, body, key, stream: true))
        {
            requestId = Infrastructure.Billing.RequestId(response);
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync(ct));
            Assert.NotNull(await reader.ReadDataAsync(ct));
        }

        release.SetResult();
        var charge = await Infrastructure.Billing.WaitForChargeAsync(gateway, requestId);

        Assert.False(charge.Estimated);
        Assert.True(charge.Streamed);
        Assert.Equal(3000, charge.CompletionTokens);
        Assert.Equal(HiddenReasoningCost, charge.Total);
        Assert.Equal(1_000_000_000 - HiddenReasoningCost, await Infrastructure.Billing.BalanceAsync(gateway, accountId));
        var book = gateway.Services.GetRequiredService<BalanceBook>();
        await Eventually.TrueAsync(() => book.HeldOnThisNode(accountId) == 0, "the hold resolved", ct);
    }
}
