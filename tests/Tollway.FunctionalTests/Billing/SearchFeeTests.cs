using System.Net;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>
/// Web searches a chat completion pays for apart from its tokens — asked for (<c>web_search_options</c>, OpenRouter's
/// web plugin) or run on every request (a search model, Perplexity, an <c>:online</c> model) — held and charged at the
/// endpoint's search price, or refused where it has none; and documents OpenRouter would parse with OCR billed per
/// page refused. Each refusal sends nothing upstream and moves no money.
/// </summary>
public sealed class SearchFeeTests(FeaturePricingFixture gateway) : IClassFixture<FeaturePricingFixture>
{
    private const string Question = "\"messages\":[{\"role\":\"user\",\"content\":\"What happened in the news today?\"}]";

    [Theory]
    [InlineData("search-gpt", "", 1_000 * 2_000L, 30_000_000L)]
    [InlineData("sonar", "", 1_000 * 1_000L, 12_000_000L)]
    [InlineData("router-llama", ""","plugins":[{"id":"web","engine":"exa","max_results":3}]""", 1_000 * 2_000L, 3 * 4_000_000L)]
    [InlineData("router-online", "", 1_000 * 2_000L, 5 * 4_000_000L)]
    [InlineData("router-online", ""","plugins":[{"id":"web","engine":"exa","max_results":8}]""", 1_000 * 2_000L, 8 * 4_000_000L)]
    public async Task Chat_Searches_AreChargedAtTheSearchPrice(string model, string members, long output, long searches)
    {
        foreach (var stream in new[] { false, true })
        {
            // Usage within the hold (10 prompt tokens, fewer than the question's), which is not what this is about.
            gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(PromptTokens: 10, CompletionTokens: 1_000)));

            using var response = await gateway.PostAsync("/v1/chat/completions", Chat(model, members, stream), stream: stream);
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var charge = await Infrastructure.Billing.WaitForChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
            Assert.Equal((10 * 1_000L) + output + searches, charge.Total);
        }
    }

    [Fact]
    public async Task Chat_SearchModel_HoldsItsSearchOnEveryRequest()
    {
        // search-gpt is bounded-gpt (the same prompt count, prices and limits) searching each request at $0.03.
        var plain = await Holds.WorstCaseAsync(gateway, key => gateway.PostAsync("/v1/chat/completions", Chat("bounded-gpt", ""), key));
        var searching = await Holds.WorstCaseAsync(gateway, key => gateway.PostAsync("/v1/chat/completions", Chat("search-gpt", ""), key));

        Assert.Equal(30_000_000, searching - plain);
    }

    [Fact]
    public async Task Chat_WebPlugin_HoldsEveryResultItAllows()
    {
        var plain = await Holds.WorstCaseAsync(gateway, key => gateway.PostAsync("/v1/chat/completions", Chat("router-llama", ""), key));
        var searching = await Holds.WorstCaseAsync(gateway, key => gateway.PostAsync("/v1/chat/completions",
            Chat("router-llama", ""","plugins":[{"id":"web","engine":"exa","max_results":7}]"""), key));

        // 7 results at $4 per 1,000; the plugins member's own few tokens are not counted as prompt.
        Assert.Equal(7 * 4_000_000L, searching - plain);
    }

    public static TheoryData<string, string, string> Unpriced => new()
    {
        { "bounded-gpt", ""","web_search_options":{}""", "web_search_options" },
        { "bounded-gpt", ""","web_search_options":{"search_context_size":"low"},"plugins":[{"id":"web","engine":"exa"}]""", "web_search_options" },
        { "bounded-gpt", ""","plugins":[{"id":"web","engine":"exa"}]""", "plugins" },
        { "priority-gpt", ""","plugins":[{"id":"web","engine":"exa","max_results":1}]""", "plugins" },
        { "unpriced-search-gpt", "", "model" },
        { "unpriced-sonar", "", "model" },
        { "unpriced-online", "", "model" },
    };

    [Theory]
    [MemberData(nameof(Unpriced))]
    public async Task Chat_SearchesWithoutASearchPrice_Answer400WithoutUpstreamCall(string model, string members, string param) =>
        await Refusals.AssertRefusedAsync(gateway, Chat(model, members), "feature_not_priced", param);

    public static TheoryData<string, string> Unbillable => new()
    {
        { ""","web_search_options":{"search_type":"pro"}""", "web_search_options" },
        { ""","plugins":[{"id":"web"}]""", "plugins" },
        { ""","plugins":[{"id":"web","engine":"native"}]""", "plugins" },
        { ""","plugins":[{"id":"file-parser","pdf":{"engine":"mistral-ocr"}}]""", "plugins" },
        { ""","tools":[{"type":"openrouter:web_search"}]""", "tools" },
    };

    [Theory]
    [MemberData(nameof(Unbillable))]
    public async Task Chat_SearchOrParsingThatCannotBeBilled_Answers400WithoutUpstreamCall(string members, string param) =>
        await Refusals.AssertRefusedAsync(gateway, Chat("router-llama", members), null, param);

    [Fact]
    public async Task Chat_DocumentForOpenRouterWithoutAPdfEngine_Answers400WithoutUpstreamCall() =>
        await Refusals.AssertRefusedAsync(gateway, Document("router-llama", ""), "feature_not_priced", "plugins");

    [Fact]
    public async Task Chat_DocumentForOpenRouterWithAFreePdfEngine_IsHeldAtTheWindow()
    {
        // The 100,000-token window at $1/M, and 1,000 output tokens at $2/M.
        const long bound = (PromptBoundsFixture.ContextWindow * 1_000L) + (1_000 * 2_000L);
        var body = Document("router-llama", ""","plugins":[{"id":"file-parser","pdf":{"engine":"pdf-text"}}]""");

        await Holds.AssertHoldsExactlyAsync(gateway, bound, key => gateway.PostAsync("/v1/chat/completions", body, key));
    }

    [Fact]
    public async Task Chat_DocumentForOpenAi_NeedsNoPdfEngine()
    {
        using var response = await gateway.PostAsync("/v1/chat/completions", Document("bounded-gpt", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Chat(string model, string members, bool stream = false) =>
        $$"""{"model":"{{model}}","max_tokens":1000{{members}},"stream":{{(stream ? "true,\"stream_options\":{\"include_usage\":true}" : "false")}},{{Question}}}""";

    private static string Document(string model, string members) =>
        $$$"""{"model":"{{{model}}}","max_tokens":1000{{{members}}},"messages":[{"role":"user","content":[{"type":"text","text":"Summarise it."},{"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0xLjcK"}}]}]}""";
}
