using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;
using Books = Tollway.FunctionalTests.Infrastructure.Billing;

namespace Tollway.FunctionalTests.Translation;

/// <summary>
/// A provider answer whose text is not text — here an escaped lone surrogate, which decodes into no string — cannot be
/// translated into the client's API: the client gets a 502 in its own format, where the decoder's exception used to
/// surface as a 500 (after the charge, when it was the answer's encoding for an Anthropic client). The provider generated
/// it and bills the operator all the same, so it is charged on the usage it reports (once, not estimated).
/// </summary>
public sealed class MalformedAnswerTests(NativeProvidersFixture gateway) : IClassFixture<NativeProvidersFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chat_AnthropicAnswerThatIsNotText_Answers502AndChargesItsUsage()
    {
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("lone surrogate from anthropic", "1");
        gateway.Upstream.Enqueue(UpstreamFault.WithBody(200, """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"\ud800"}],
             "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":3}}
            """));

        using var response = await gateway.PostAsync("/v1/chat/completions", """{"model":"claude","messages":[{"role":"user","content":"hi"}]}""", key);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_error", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
        // 5 × $3/M + 3 × $15/M.
        await AssertChargedAsync(response, accountId, (5, 3), 60_000);
    }

    [Fact]
    public async Task Messages_OpenAiAnswerThatIsNotText_Answers502InAnthropicsShapeAndChargesItsUsage()
    {
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("lone surrogate for anthropic", "1");
        gateway.Upstream.Enqueue(UpstreamFault.WithBody(200, """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-same","choices":[{"index":0,
             "message":{"role":"assistant","content":"\udc00"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}
            """));

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", """{"model":"gpt-same","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", key);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("api_error", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetProperty("type").GetString());
        // 5 × $3/M + 1 × $15/M.
        await AssertChargedAsync(response, accountId, (5, 1), 30_000);
    }

    private async Task AssertChargedAsync(HttpResponseMessage response, string accountId, (int Prompt, int Completion) tokens, long total)
    {
        var charge = await Books.ChargeAsync(gateway, Books.RequestId(response));
        Assert.NotNull(charge);
        Assert.False(charge.Estimated);
        Assert.Equal(tokens, (charge.PromptTokens, charge.CompletionTokens));
        Assert.Equal(total, charge.Total);
        Assert.Equal(1_000_000_000 - total, await Books.BalanceAsync(gateway, accountId));
    }
}
