using System.Text;
using System.Text.Json;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Pipeline.Proxy;

public sealed class UpstreamBodyWriterTests
{
    [Theory]
    [InlineData("""{"model":"m","messages":[]}""", true)]
    [InlineData("""{"model":"m","messages":[]}""", false)]
    [InlineData("""{"model":"m","messages":[],"stream":false}""", true)]
    [InlineData("""{"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":true}}""", true)]
    [InlineData("""{"model":"m","messages":[],"stream":true}""", false)]
    public void NeedsRewrite_SameModelAndNoUsageToAdd_IsFalse(string json, bool askForStreamUsage) =>
        Assert.False(UpstreamBodyWriter.NeedsRewrite(Inspect(json), "m", askForStreamUsage));

    [Fact]
    public void NeedsRewrite_ModelRenamed_IsTrue() =>
        Assert.True(UpstreamBodyWriter.NeedsRewrite(Inspect("""{"model":"m","messages":[]}"""), "m-2024", askForStreamUsage: false));

    [Fact]
    public void NeedsRewrite_ModelDiffersOnlyInCase_IsTrue() =>
        Assert.True(UpstreamBodyWriter.NeedsRewrite(Inspect("""{"model":"m","messages":[]}"""), "M", askForStreamUsage: false));

    [Theory]
    [InlineData("""{"model":"m","messages":[],"stream":true}""")]
    [InlineData("""{"model":"m","messages":[],"stream":true,"stream_options":null}""")]
    [InlineData("""{"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":false}}""")]
    public void NeedsRewrite_StreamWithoutUsageAndProviderNeedsAsking_IsTrue(string json) =>
        Assert.True(UpstreamBodyWriter.NeedsRewrite(Inspect(json), "m", askForStreamUsage: true));

    [Fact]
    public void Rewrite_NothingToChange_ReturnsTheSameBytes()
    {
        const string json = """{ "model": "m", "messages": [], "stream": true, "stream_options": {"include_usage": true} }""";

        Assert.Equal(json, Rewrite(json, "m", askForStreamUsage: true));
    }

    [Fact]
    public void Rewrite_ModelRenamed_KeepsEveryOtherByte()
    {
        const string json = """
            {
              "messages": [{"role": "user", "content": "héllo \"model\": \"gpt-4o\" 🔑"}],
              "model" :   "gpt-4o",
              "temperature": 0.70,
              "metadata": {"model": "gpt-4o"}
            }

            """;

        var rewritten = Rewrite(json, "gpt-4o-2024-08-06", askForStreamUsage: true);

        var modelAt = json.IndexOf("\"gpt-4o\",", StringComparison.Ordinal);
        var expected = string.Concat(json.AsSpan(0, modelAt), "\"gpt-4o-2024-08-06\"", json.AsSpan(modelAt + "\"gpt-4o\"".Length));
        Assert.Equal(expected, rewritten);
    }

    [Theory]
    [InlineData("dep\"loy\\ment")]
    [InlineData("モデル")]
    [InlineData("a</script>")]
    public void Rewrite_UpstreamModelNeedingEscapes_IsValidJsonWithThatModel(string upstreamModel)
    {
        var rewritten = Rewrite("""{"model":"m","messages":[]}""", upstreamModel, askForStreamUsage: false);

        using var document = JsonDocument.Parse(rewritten);
        Assert.Equal(upstreamModel, document.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public void Rewrite_StreamWithoutStreamOptions_AppendsIncludeUsageBeforeTheClosingBrace()
    {
        const string json = """{"model":"m","messages":[{"role":"user","content":"}"}],"stream":true}""";

        var rewritten = Rewrite(json, "m", askForStreamUsage: true);

        Assert.Equal("""{"model":"m","messages":[{"role":"user","content":"}"}],"stream":true,"stream_options":{"include_usage":true}}""", rewritten);
    }

    [Fact]
    public void Rewrite_PrettyPrintedStreamWithoutStreamOptions_IsValidJsonWithEveryFieldKept()
    {
        const string json = "{\r\n\t\"model\": \"m\",\r\n\t\"messages\": [ { \"role\": \"user\", \"content\": \"hi\" } ],\r\n\t\"stream\": true\r\n}\r\n";

        var rewritten = Rewrite(json, "m", askForStreamUsage: true);

        using var before = JsonDocument.Parse(json);
        using var after = JsonDocument.Parse(rewritten);
        Assert.True(after.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        AssertSameMembersExcept(before.RootElement, after.RootElement, "stream_options");
        Assert.EndsWith("}\r\n", rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_ExistingStreamOptionsWithOtherMembers_KeepsThemAndSetsIncludeUsage()
    {
        const string json = """
            {"model":"m","stream_options": { "include_usage" : false, "continuous_usage_stats": true, "x": {"a": [1, "b", null]}, "s": "t" },"messages":[],"stream":true}
            """;

        var rewritten = Rewrite(json, "m", askForStreamUsage: true);

        using var before = JsonDocument.Parse(json);
        using var after = JsonDocument.Parse(rewritten);
        AssertSameMembersExcept(before.RootElement, after.RootElement, "stream_options");
        var options = after.RootElement.GetProperty("stream_options");
        Assert.True(options.GetProperty("include_usage").GetBoolean());
        Assert.True(options.GetProperty("continuous_usage_stats").GetBoolean());
        Assert.Equal("t", options.GetProperty("s").GetString());
        Assert.True(JsonElement.DeepEquals(before.RootElement.GetProperty("stream_options").GetProperty("x"), options.GetProperty("x")));
        Assert.Single(options.EnumerateObject(), p => p.Name == "include_usage");
        // Only the stream_options value is rewritten: the bytes before and after it are the client's.
        Assert.StartsWith("""{"model":"m","stream_options": {""", rewritten, StringComparison.Ordinal);
        Assert.EndsWith("""},"messages":[],"stream":true}""", rewritten, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"include_usage":false}""")]
    public void Rewrite_StreamOptionsWithoutOtherMembers_BecomesIncludeUsageOnly(string options)
    {
        var json = $$"""{"model":"m","messages":[],"stream":true,"stream_options":{{options}}}""";

        Assert.Equal("""{"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":true}}""", Rewrite(json, "m", askForStreamUsage: true));
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[],"stream":true,"stream_options":{"a":1}}""")]
    [InlineData("""{"stream_options":{"a":1},"messages":[],"stream":true,"model":"m"}""")]
    public void Rewrite_ModelAndStreamOptionsInEitherOrder_BothAreRewritten(string json)
    {
        var rewritten = Rewrite(json, "upstream-model", askForStreamUsage: true);

        using var document = JsonDocument.Parse(rewritten);
        Assert.Equal("upstream-model", document.RootElement.GetProperty("model").GetString());
        Assert.True(document.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(1, document.RootElement.GetProperty("stream_options").GetProperty("a").GetInt32());
    }

    [Fact]
    public void Rewrite_ModelRenamedAndStreamOptionsAbsent_RenamesAndInserts()
    {
        const string json = """{"model":"m","messages":[],"stream":true}  """;

        var rewritten = Rewrite(json, "upstream-model", askForStreamUsage: true);

        Assert.Equal("""{"model":"upstream-model","messages":[],"stream":true,"stream_options":{"include_usage":true}}  """, rewritten);
    }

    [Fact]
    public void Rewrite_StreamButProviderNeedsNoAsking_LeavesStreamOptionsAlone()
    {
        const string json = """{"model":"m","messages":[],"stream":true}""";

        Assert.Equal("""{"model":"x","messages":[],"stream":true}""", Rewrite(json, "x", askForStreamUsage: false));
    }

    [Fact]
    public void Rewrite_LargeBody_IsCopiedWhole()
    {
        // Larger than the pooled buffer's first rent, so the writer has to grow it mid-copy.
        var content = new string('x', 100_000);
        var json = $$"""{"model":"m","messages":[{"role":"user","content":"{{content}}"}],"stream":true}""";

        var rewritten = Rewrite(json, "upstream", askForStreamUsage: true);

        using var document = JsonDocument.Parse(rewritten);
        Assert.Equal(content, document.RootElement.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal("upstream", document.RootElement.GetProperty("model").GetString());
    }

    [Theory]
    [InlineData("""{"models":["b"],"model":"m","messages":[]}""", """{"model":"m","messages":[]}""")]
    [InlineData("""{"models":["b"],"provider":{},"model":"m","messages":[]}""", """{"model":"m","messages":[]}""")]
    [InlineData("""{"model":"m","provider":{"only":["x"]},"messages":[]}""", """{"model":"m","messages":[]}""")]
    [InlineData("""{"model":"m","messages":[],"models":["b"],"provider":{"zdr":true}}""", """{"model":"m","messages":[]}""")]
    [InlineData("""{"model":"m","messages":[] , "provider" : {} }""", """{"model":"m","messages":[]  }""")]
    public void Rewrite_RoutingMembers_AreRemovedWithTheirComma(string json, string expected) =>
        Assert.Equal(expected, Rewrite(json, "m", askForStreamUsage: false));

    [Fact]
    public void Rewrite_RoutingMembersRemovedAndUsageAdded_IsValidJsonWithBoth()
    {
        const string json = """{"model":"m","stream":true,"messages":[],"models":["b"],"provider":{"zdr":true}}""";

        using var document = JsonDocument.Parse(Rewrite(json, "u", askForStreamUsage: true));

        var root = document.RootElement;
        Assert.False(root.TryGetProperty("models", out _));
        Assert.False(root.TryGetProperty("provider", out _));
        Assert.Equal("u", root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[]}""", "max_completion_tokens", """{"model":"m","messages":[],"max_completion_tokens":4096}""")]
    [InlineData("""{"model":"m","messages":[]}""", "max_tokens", """{"model":"m","messages":[],"max_tokens":4096}""")]
    [InlineData("""{ "model": "m", "messages": [] } """, "max_tokens", """{ "model": "m", "messages": [] ,"max_tokens":4096} """)]
    [InlineData("""{"model":"m","messages":[],"max_tokens":null}""", "max_tokens", """{"model":"m","messages":[],"max_tokens":4096}""")]
    [InlineData("""{"model":"m","messages":[],"max_tokens":null}""", "max_completion_tokens", """{"model":"m","messages":[],"max_tokens":null,"max_completion_tokens":4096}""")]
    [InlineData("""{"model":"m","messages":[],"max_completion_tokens":50000}""", "max_tokens", """{"model":"m","messages":[],"max_completion_tokens":4096,"max_tokens":4096}""")]
    public void Rewrite_NothingBoundsTheOutputWhereTheProviderReadsIt_SetsTheHeldCap(string json, string member, string expected)
    {
        var cap = new UpstreamOutputCap(member, 4096);

        Assert.True(UpstreamBodyWriter.NeedsRewrite(Inspect(json), "m", askForStreamUsage: false, cap));
        Assert.Equal(expected, Rewrite(json, "m", askForStreamUsage: false, cap));
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[],"max_completion_tokens":100}""", """{"model":"m","messages":[],"max_completion_tokens":100,"max_tokens":100}""")]
    [InlineData("""{"model":"m","max_tokens":null,"messages":[],"max_completion_tokens":100}""", """{"model":"m","max_tokens":100,"messages":[],"max_completion_tokens":100}""")]
    public void Rewrite_ClientLimitWithinTheCapOnlyInTheOtherMember_IsWhatTheCapsMemberGets(string json, string expected)
    {
        var cap = new UpstreamOutputCap(ProviderPreset.MaxTokens, 4096);

        Assert.True(UpstreamBodyWriter.NeedsRewrite(Inspect(json), "m", askForStreamUsage: false, cap));
        Assert.Equal(expected, Rewrite(json, "m", askForStreamUsage: false, cap));
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[],"max_tokens":50000}""", "max_completion_tokens", """{"model":"m","messages":[],"max_tokens":4096}""")]
    [InlineData("""{"model":"m","messages":[],"max_completion_tokens":50000}""", "max_completion_tokens", """{"model":"m","messages":[],"max_completion_tokens":4096}""")]
    [InlineData("""{"model":"m","max_tokens":9000,"messages":[],"max_completion_tokens":50000}""", "max_tokens", """{"model":"m","max_tokens":4096,"messages":[],"max_completion_tokens":4096}""")]
    public void Rewrite_LimitAboveTheCap_IsLoweredToIt(string json, string member, string expected) =>
        Assert.Equal(expected, Rewrite(json, "m", askForStreamUsage: false, new UpstreamOutputCap(member, 4096)));

    [Theory]
    [InlineData("""{"model":"m","messages":[],"max_tokens":4096}""", "max_tokens")]
    [InlineData("""{"model":"m","messages":[],"max_completion_tokens":10}""", "max_completion_tokens")]
    [InlineData("""{"model":"m","messages":[],"max_tokens":10}""", "max_completion_tokens")]
    [InlineData("""{"model":"m","messages":[],"max_tokens":10,"max_completion_tokens":null}""", "max_completion_tokens")]
    public void NeedsRewrite_OutputAlreadyBoundedWithinTheCap_IsFalse(string json, string member) =>
        Assert.False(UpstreamBodyWriter.NeedsRewrite(Inspect(json), "m", askForStreamUsage: false, new UpstreamOutputCap(member, 4096)));

    [Fact]
    public void Rewrite_StreamWithoutUsageOrLimit_AppendsBothAsValidJson()
    {
        const string json = "{\"model\":\"m\",\"messages\":[],\"stream\":true}";

        var rewritten = Rewrite(json, "m", askForStreamUsage: true, new UpstreamOutputCap("max_completion_tokens", 8192));

        Assert.Equal("""{"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":true},"max_completion_tokens":8192}""", rewritten);
    }

    [Theory]
    [InlineData(null, GatewayOperation.ChatCompletions, "max_completion_tokens")]
    [InlineData(null, GatewayOperation.Completions, "max_tokens")]
    [InlineData("max_tokens", GatewayOperation.ChatCompletions, "max_tokens")]
    public void OutputCap_ForAGeneration_IsTheProvidersMemberForChatAndMaxTokensForCompletions(string? configured, GatewayOperation operation, string member)
    {
        using var openAi = new UpstreamProvider(
            "openai", ProviderPresets.Find(ProviderPresets.OpenAi)!, new Uri("https://api.openai.com/v1"), "k", null, new Dictionary<string, string>(),
            new ProviderTimeouts(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), outputLimitMember: configured);

        Assert.Equal(new UpstreamOutputCap(member, 77), UpstreamOutputCap.For(operation, openAi, 77));
        Assert.Null(UpstreamOutputCap.For(GatewayOperation.Embeddings, openAi, 77));
    }

    private static InspectedRequest Inspect(string json) =>
        RequestInspector.Inspect(Encoding.UTF8.GetBytes(json), GatewayOperation.ChatCompletions).Request
        ?? throw new InvalidOperationException("Test body does not inspect as valid.");

    private static string Rewrite(string json, string upstreamModel, bool askForStreamUsage, UpstreamOutputCap? cap = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var rewritten = UpstreamBodyWriter.Rewrite(body, Inspect(json), upstreamModel, askForStreamUsage, cap);
        return Encoding.UTF8.GetString(rewritten.Span);
    }

    private static void AssertSameMembersExcept(JsonElement before, JsonElement after, string except)
    {
        var expected = before.EnumerateObject().Where(p => p.Name != except).ToList();
        var actual = after.EnumerateObject().Where(p => p.Name != except).ToList();
        Assert.Equal(expected.Select(p => p.Name), actual.Select(p => p.Name));
        Assert.All(expected.Zip(actual), pair => Assert.True(JsonElement.DeepEquals(pair.First.Value, pair.Second.Value), pair.First.Name));
    }
}
