using System.Net;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.Billing;

/// <summary>
/// Everything a provider bills as input is in the hold: what the gateway can count at its count, what it cannot (a file,
/// a document) at the endpoint's whole context window at the dearest input rate (what may be audio — video, media by URL
/// at a Gemini provider — at the audio rate: see <see cref="AudioInputTests"/>); and a feature the endpoint has no price
/// for is refused, never served free. Each refusal sends nothing upstream
/// and moves no money.
/// </summary>
public sealed class PromptHoldTests(PromptBoundsFixture gateway) : IClassFixture<PromptBoundsFixture>
{
    private const int MaxTokens = 100;

    /// <summary>bounded-gpt and bounded-gemini: the window at $1/M and 100 output tokens at $2/M.</summary>
    private const long WindowAtOneDollar = (PromptBoundsFixture.ContextWindow * 1_000L) + (MaxTokens * 2_000L);

    /// <summary>bounded-claude: the window at the cache write rate, $3.75/M, and 100 output tokens at $15/M.</summary>
    private const long ClaudeWindow = (PromptBoundsFixture.ContextWindow * 3_750L) + (MaxTokens * 15_000L);

    private const string PdfData = "JVBERi0xLjcKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmlsdGVyIC9GbGF0ZURlY29kZT4+CnN0cmVhbQp4nCvkMlAwUDC1NNUzMVGwMDHSszAwNTRRsLQwMFIoSuUK5AIAYB0FPAplbmRzdHJlYW0KZW5kb2JqCg==";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> UnmeasuredChats => new()
    {
        { "bounded-gpt", """{"type":"file","file":{"file_id":"file-6F2ksmvXxt4VdoqmHRw6kL"}}""" },
        { "bounded-gpt", $$$"""{"type":"file","file":{"filename":"report.pdf","file_data":"data:application/pdf;base64,{{{PdfData}}}"}}""" },
        { "bounded-gemini", $$$"""{"type":"image_url","image_url":{"url":"data:application/pdf;base64,{{{PdfData}}}"}}""" },
    };

    [Theory]
    [MemberData(nameof(UnmeasuredChats))]
    public async Task Chat_InputThatCannotBeMeasured_HoldsTheWholeContextWindow(string model, string part)
    {
        var body = Chat(model, part);

        await Holds.AssertHoldsExactlyAsync(gateway, WindowAtOneDollar, key => gateway.PostAsync("/v1/chat/completions", body, key));
    }

    [Fact]
    public async Task Chat_FileForAnEndpointWithoutAContextWindow_Answers400WithoutUpstreamCall() =>
        await Refusals.AssertRefusedAsync(gateway, Chat("unbounded-gpt", """{"type":"file","file":{"file_id":"file-1"}}"""), "unbounded_input", "messages");

    [Theory]
    [InlineData("""{"type":"url","url":"https://example.com/annual-report.pdf"}""")]
    [InlineData("""{"type":"file","file_id":"file_011CNha8iCJcU1wXNR6q4V8w"}""")]
    [InlineData("""{"type":"base64","media_type":"application/pdf","data":"JVBERi0xLjcK"}""")]
    public async Task Messages_Document_HoldsTheWholeContextWindow(string source)
    {
        var body = Messages($$"""[{"type":"document","source":{{source}}},{"type":"text","text":"Summarise it."}]""");

        await Holds.AssertHoldsExactlyAsync(gateway, ClaudeWindow, key => AnthropicSdk.PostAsync(gateway, "/v1/messages", body, key));

        using var forwarded = Assert.Single(gateway.Upstream.Requests).ParseBody();
        Assert.Equal("document", forwarded.RootElement.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Messages_ServerTool_HoldsAWholeWindowForEachSamplingStep()
    {
        // web_fetch has no fee, but what it fetches joins the prompt, and each of up to 10 sampling steps bills it all.
        const long bound = (10 * PromptBoundsFixture.ContextWindow * 3_750L) + (MaxTokens * 15_000L);
        var body = Messages("\"Read https://example.com and summarise it.\"", """[{"type":"web_fetch_20250910","name":"web_fetch","max_uses":2}]""");

        await Holds.AssertHoldsExactlyAsync(gateway, bound, key => AnthropicSdk.PostAsync(gateway, "/v1/messages", body, key));
    }

    [Fact]
    public async Task Messages_ImageInAToolResult_IsHeldAtTheImageAllowance()
    {
        const string image = """{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"}}""";
        const string text = """{"type":"text","text":"Here is the screenshot."}""";

        var withText = await Holds.WorstCaseAsync(gateway, key => AnthropicSdk.PostAsync(gateway, "/v1/messages", ToolResult(text), key));
        var withImage = await Holds.WorstCaseAsync(gateway, key => AnthropicSdk.PostAsync(gateway, "/v1/messages", ToolResult(text + "," + image), key));

        // Claude's image allowance, 16,384 tokens, at $3.75/M.
        Assert.True(withImage - withText >= 16_384 * 3_750L, $"{withImage} - {withText}");
    }

    [Fact]
    public async Task Chat_ImageInAToolMessage_IsHeldAtTheImageAllowance()
    {
        const string call = """{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"screenshot","arguments":"{}"}}]}""";
        const string text = """{"type":"text","text":"Here is the screenshot."}""";
        const string image = """{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}""";

        var withText = await Holds.WorstCaseAsync(gateway, key => gateway.PostAsync("/v1/chat/completions",
            $$"""{"model":"bounded-gpt","max_tokens":{{MaxTokens}},"messages":[{"role":"user","content":"Look."},{{call}},{"role":"tool","tool_call_id":"call_1","content":[{{text}}]}]}""", key));
        var withImage = await Holds.WorstCaseAsync(gateway, key => gateway.PostAsync("/v1/chat/completions",
            $$"""{"model":"bounded-gpt","max_tokens":{{MaxTokens}},"messages":[{"role":"user","content":"Look."},{{call}},{"role":"tool","tool_call_id":"call_1","content":[{{text}},{{image}}]}]}""", key));

        // gpt-4o's largest image, 4,096 tokens, at $1/M.
        Assert.True(withImage - withText >= 4_096 * 1_000L, $"{withImage} - {withText}");
    }

    [Fact]
    public async Task Chat_ImageDataForGemini_IsHeldAtTheImageAllowanceNotTheWindow()
    {
        var worstCase = await Holds.WorstCaseAsync(gateway, key => gateway.PostAsync(
            "/v1/chat/completions", Chat("bounded-gemini", """{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}"""), key));

        Assert.InRange(worstCase, 16_384 * 1_000L, WindowAtOneDollar / 2);
    }

    [Fact]
    public async Task Messages_WebSearchWithoutAPrice_IsRefusedWithoutUpstreamCall()
    {
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("searcher", "10");
        gateway.Upstream.Reset();

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", Messages("\"What happened today?\"", """[{"type":"web_search_20250305","name":"web_search","max_uses":3}]"""), key);

        await AssertAnthropicRefusalAsync(response, "web searches");
        Assert.Equal(10_000_000_000, await Infrastructure.Billing.BalanceAsync(gateway, accountId));
    }

    [Theory]
    [InlineData("""[{"type":"code_execution_20250825","name":"code_execution"}]""", "code_execution_20250825")]
    [InlineData("""[{"type":"web_search_20250305","name":"web_search"}]""", "max_uses")]
    public async Task Messages_ServerToolThatCannotBeBilled_IsRefusedWithoutUpstreamCall(string tools, string named)
    {
        gateway.Upstream.Reset();

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", Messages("\"Compute it.\"", tools));

        await AssertAnthropicRefusalAsync(response, named);
    }

    [Fact]
    public async Task Messages_HourCacheWritesWithoutAPrice_AreRefusedWithoutUpstreamCall()
    {
        gateway.Upstream.Reset();

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", Messages("""[{"type":"text","text":"A long context.","cache_control":{"type":"ephemeral","ttl":"1h"}}]"""));

        await AssertAnthropicRefusalAsync(response, "1-hour cache writes");
    }

    [Theory]
    [InlineData("bounded-claude", """{"type":"text","text":"A long context.","cache_control":{"type":"ephemeral","ttl":"1h"}}""", "", "cache_control")]
    [InlineData("bounded-gpt", """{"type":"text","text":"Quickly."}""", ",\"service_tier\":\"priority\"", "service_tier")]
    public async Task Chat_FeatureWithoutAPrice_Answers400NamingTheParam(string model, string part, string extra, string param)
    {
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat(model, part, extra));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await GatewayFixture.ReadErrorAsync(response);
        Assert.Equal(("feature_not_priced", param), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Theory]
    [InlineData("\"scale\"")]
    [InlineData("\"premium\"")]
    public async Task Chat_ServiceTierThatCannotBeBilled_Answers400(string tier)
    {
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat("bounded-gpt", """{"type":"text","text":"hi"}""", $",\"service_tier\":{tier}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("service_tier", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("param").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Theory]
    [InlineData("bounded-gemini")]
    [InlineData("bounded-claude")]
    public async Task Chat_PriorityTierToATranslatingProvider_IsServedAtItsRates(string model)
    {
        // Only an OpenAI-format provider gets service_tier; a translated request carries none.
        using var response = await gateway.PostAsync("/v1/chat/completions", Chat(model, """{"type":"text","text":"hi"}""", ",\"service_tier\":\"priority\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task AssertAnthropicRefusalAsync(HttpResponseMessage response, string named)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains(named, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    private static string Chat(string model, string part, string extra = "") =>
        $$"""{"model":"{{model}}","max_tokens":{{MaxTokens}},"messages":[{"role":"user","content":[{"type":"text","text":"What is in it?"},{{part}}]}]{{extra}}}""";

    private static string Messages(string content, string? tools = null) =>
        $$"""{"model":"bounded-claude","max_tokens":{{MaxTokens}},"messages":[{"role":"user","content":{{content}}}]{{(tools is null ? "" : ",\"tools\":" + tools)}}}""";

    private static string ToolResult(string content) => $$$"""
        {"model":"bounded-claude","max_tokens":{{{MaxTokens}}},"tools":[{"name":"screenshot","input_schema":{"type":"object"}}],"messages":[
          {"role":"user","content":"Take a screenshot."},
          {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"screenshot","input":{}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{{{content}}}]}]}]}
        """;
}
