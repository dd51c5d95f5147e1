using System.Net;
using System.Text;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>
/// A hold is a true bound on what the provider may generate: the gateway sends every provider the output limit it held
/// for — the client's, lowered to the endpoint's <c>maxOutputTokens</c> where it asks for more; else the endpoint's;
/// else <c>billing.defaultMaxOutputTokens</c> — in the member that provider reads (<c>max_completion_tokens</c> for
/// OpenAI, whose reasoning models refuse <c>max_tokens</c>; <c>max_tokens</c> for Azure and the Messages API;
/// <c>generationConfig.maxOutputTokens</c> for Gemini). Wave 1 found it held 4,096 tokens and sent no limit at all.
/// </summary>
public sealed class OutputCapTests(NativeProvidersFixture gateway) : IClassFixture<NativeProvidersFixture>
{
    /// <summary>The default of <c>billing.defaultMaxOutputTokens</c>.</summary>
    private const int DefaultMaxOutput = 4096;

    /// <summary>The <c>maxOutputTokens</c> of every endpoint of the fixture's claude, gemini and gpt-same.</summary>
    private const int EndpointMaxOutput = 8192;

    [Fact]
    public async Task Chat_NoOutputLimitOnOpenAi_SendsTheHeldDefaultAsMaxCompletionTokensAndChargesWithinIt()
    {
        // flat-model (openai preset, no maxOutputTokens): prompts free, $1 per million output tokens, so two choices of
        // the default 4,096 tokens hold 8,192,000 nano-USD.
        const string body = """{"model":"flat-model","messages":[{"role":"user","content":"hi"}],"n":2}""";
        const long held = 2 * DefaultMaxOutput * 1_000L;
        Assert.Equal(held, await Holds.WorstCaseAsync(gateway, key => gateway.PostAsync("/v1/chat/completions", body, key)));
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("openai cap", "10");
        gateway.Upstream.Reset();
        // A provider that generated past the limit (none should) reports more than was held.
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(PromptTokens: 5, CompletionTokens: 20_000)));

        using var response = await gateway.PostAsync("/v1/chat/completions", body, key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var sent = Assert.Single(gateway.Upstream.Requests).ParseBody())
        {
            Assert.Equal(DefaultMaxOutput, sent.RootElement.GetProperty("max_completion_tokens").GetInt32());
            Assert.False(sent.RootElement.TryGetProperty("max_tokens", out _));
            Assert.Equal(2, sent.RootElement.GetProperty("n").GetInt32());
        }

        var charge = await Infrastructure.Billing.WaitForChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.Equal(held, charge.Total);
        Assert.Equal(10_000_000_000 - held, await Infrastructure.Billing.BalanceAsync(gateway, accountId));
    }

    [Fact]
    public async Task Chat_NoOutputLimitOnAzure_SendsTheHeldDefaultAsMaxTokens()
    {
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions", """{"model":"azure-gpt","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var sent = Assert.Single(gateway.Upstream.Requests).ParseBody();
        Assert.Equal(DefaultMaxOutput, sent.RootElement.GetProperty("max_tokens").GetInt32());
        Assert.False(sent.RootElement.TryGetProperty("max_completion_tokens", out _));
    }

    [Fact]
    public async Task Chat_NoOutputLimitToGemini_SendsTheEndpointsMaximumAsMaxOutputTokens()
    {
        const string body = """{"model":"gemini","messages":[{"role":"user","content":"hi"}]}""";
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var sent = Assert.Single(gateway.Upstream.Requests).ParseBody();
        Assert.Equal(EndpointMaxOutput, sent.RootElement.GetProperty("generationConfig").GetProperty("maxOutputTokens").GetInt32());
    }

    [Fact]
    public async Task Chat_OutputLimitAboveTheEndpointsMaximum_IsHeldAndSentAtTheEndpointsMaximum()
    {
        const string asked = """{"model":"gpt-same","messages":[{"role":"user","content":"hi"}],"max_tokens":50000}""";
        const string atMaximum = """{"model":"gpt-same","messages":[{"role":"user","content":"hi"}],"max_tokens":8192}""";
        var expected = await Holds.WorstCaseAsync(gateway, key => gateway.PostAsync("/v1/chat/completions", atMaximum, key));

        await Holds.AssertHoldsExactlyAsync(gateway, expected, key => gateway.PostAsync("/v1/chat/completions", asked, key));

        using var sent = Assert.Single(gateway.Upstream.Requests).ParseBody();
        Assert.Equal(EndpointMaxOutput, sent.RootElement.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task Messages_MaxTokensAboveTheEndpointsMaximum_IsLoweredInTheClientsOwnBody()
    {
        const string asked = """{"model":"claude","max_tokens":20000,"messages":[{"role":"user","content":"hi"}]}""";
        const string atMaximum = """{"model":"claude","max_tokens":8192,"messages":[{"role":"user","content":"hi"}]}""";
        var expected = await Holds.WorstCaseAsync(gateway, key => gateway.PostAsync("/v1/messages", atMaximum, key));

        await Holds.AssertHoldsExactlyAsync(gateway, expected, key => gateway.PostAsync("/v1/messages", asked, key));

        // Every other byte as the client sent it, the model id and max_tokens replaced.
        var request = Assert.Single(gateway.Upstream.Requests);
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal("""{"model":"claude-sonnet-4-5","max_tokens":8192,"messages":[{"role":"user","content":"hi"}]}""", request.BodyText);
    }

    [Fact]
    public async Task Chat_OutputLimitWithinTheEndpointsMaximum_GoesAsTheClientSentIt()
    {
        const string body = """{"model":"gpt-same","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":100}""";
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, Encoding.UTF8.GetString(Assert.Single(gateway.Upstream.Requests).Body));
    }

    [Fact]
    public async Task Chat_StreamWithoutOutputLimit_AsksForUsageAndSendsTheCap()
    {
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync(
            "/v1/chat/completions", """{"model":"gpt-same","messages":[{"role":"user","content":"hi"}],"stream":true}""", stream: true);
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var sent = Assert.Single(gateway.Upstream.Requests).ParseBody();
        Assert.True(sent.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(EndpointMaxOutput, sent.RootElement.GetProperty("max_completion_tokens").GetInt32());
    }
}
