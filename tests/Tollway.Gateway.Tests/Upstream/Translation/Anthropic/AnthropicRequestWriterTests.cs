using System.Text.Json;
using Tollway.Gateway.Upstream.Translation.Anthropic;
using static Tollway.Gateway.Tests.Upstream.Translation.TranslationJson;

namespace Tollway.Gateway.Tests.Upstream.Translation.Anthropic;

/// <summary>Chat completion requests as Messages API requests, one mapping rule per test (checked against
/// https://docs.anthropic.com/en/api/messages).</summary>
public sealed class AnthropicRequestWriterTests
{
    private static JsonElement Write(string chat, int maxTokens = 4096)
    {
        var translated = AnthropicRequestWriter.Write(Utf8(chat), "claude-sonnet-4-5", maxTokens);
        Assert.Null(translated.Error);
        using var body = translated.Body!;
        return Parse(body.Span);
    }

    private static string? Refusal(string chat) => AnthropicRequestWriter.Write(Utf8(chat), "claude-sonnet-4-5", 4096).Error;

    [Fact]
    public void Write_Model_IsTheUpstreamModelAndMaxTokensAlwaysSet()
    {
        var body = Write("""{"model":"claude","messages":[{"role":"user","content":"hi"}]}""", maxTokens: 8192);

        Assert.Equal("claude-sonnet-4-5", body.GetProperty("model").GetString());
        Assert.Equal(8192, body.GetProperty("max_tokens").GetInt32());
        Assert.False(body.TryGetProperty("stream", out _));
    }

    [Fact]
    public void Write_SystemAndDeveloperMessages_AreLiftedIntoSystemBlocks()
    {
        var body = Write("""{"model":"m","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"},{"role":"developer","content":[{"type":"text","text":"No emoji."}]}]}""");

        var system = body.GetProperty("system");
        Assert.Equal(["Be brief.", "No emoji."], system.EnumerateArray().Select(b => b.GetProperty("text").GetString()));
        Assert.All(system.EnumerateArray(), b => Assert.Equal("text", b.GetProperty("type").GetString()));
        Assert.Single(body.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public void Write_ConsecutiveMessagesOfOneRole_AreMergedIntoOneTurn()
    {
        var body = Write("""{"model":"m","messages":[{"role":"user","content":"one"},{"role":"user","content":"two"},{"role":"assistant","content":"three"},{"role":"user","content":"four"}]}""");

        var turns = body.GetProperty("messages");
        Assert.Equal(["user", "assistant", "user"], turns.EnumerateArray().Select(t => t.GetProperty("role").GetString()));
        Assert.Equal(["one", "two"], turns[0].GetProperty("content").EnumerateArray().Select(b => b.GetProperty("text").GetString()));
    }

    [Fact]
    public void Write_EmptyAssistantText_IsDroppedSinceTheApiRefusesEmptyBlocks()
    {
        var body = Write("""{"model":"m","messages":[{"role":"user","content":"one"},{"role":"assistant","content":""},{"role":"user","content":"two"}]}""");

        var turn = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal(2, turn.GetProperty("content").GetArrayLength());
    }

    [Fact]
    public void Write_ImageDataUrl_IsABase64Source()
    {
        var body = Write("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}]}""");

        var image = body.GetProperty("messages")[0].GetProperty("content")[1];
        Assert.Equal("image", image.GetProperty("type").GetString());
        var source = image.GetProperty("source");
        Assert.Equal("base64", source.GetProperty("type").GetString());
        Assert.Equal("image/png", source.GetProperty("media_type").GetString());
        Assert.Equal("iVBORw0KGgo=", source.GetProperty("data").GetString());
    }

    [Fact]
    public void Write_ImageHttpsUrl_IsAUrlSource()
    {
        var body = Write("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]}]}""");

        var source = body.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("source");
        Assert.Equal("url", source.GetProperty("type").GetString());
        Assert.Equal("https://example.com/cat.jpg", source.GetProperty("url").GetString());
    }

    [Fact]
    public void Write_CacheControlOnAPart_ReachesTheBlock()
    {
        var body = Write("""{"model":"m","messages":[{"role":"system","content":[{"type":"text","text":"Long context","cache_control":{"type":"ephemeral"}}]},{"role":"user","content":"hi"}]}""");

        Assert.Equal("ephemeral", body.GetProperty("system")[0].GetProperty("cache_control").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(""" "stop":"END" """, new[] { "END" })]
    [InlineData(""" "stop":["A","B"] """, new[] { "A", "B" })]
    public void Write_Stop_IsStopSequences(string stop, string[] expected)
    {
        var body = Write($$"""{"model":"m","messages":[{"role":"user","content":"hi"}],{{stop}}}""");

        Assert.Equal(expected, body.GetProperty("stop_sequences").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public void Write_Sampling_TemperatureClampedToAnthropicsRangeAndTopPKept()
    {
        var body = Write("""{"model":"m","messages":[{"role":"user","content":"hi"}],"temperature":1.6,"top_p":0.9,"seed":3,"n":1,"presence_penalty":0.5}""");

        Assert.Equal(1, body.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, body.GetProperty("top_p").GetDouble());
        Assert.False(body.TryGetProperty("seed", out _));
        Assert.False(body.TryGetProperty("presence_penalty", out _));
    }

    [Fact]
    public void Write_ReasoningEffort_IsAThinkingBudgetAndDropsTemperature()
    {
        var body = Write("""{"model":"m","messages":[{"role":"user","content":"hi"}],"reasoning_effort":"low","temperature":0.2}""", maxTokens: 10000);

        var thinking = body.GetProperty("thinking");
        Assert.Equal("enabled", thinking.GetProperty("type").GetString());
        Assert.Equal(2000, thinking.GetProperty("budget_tokens").GetInt32());
        Assert.False(body.TryGetProperty("temperature", out _));
    }

    [Fact]
    public void Write_ReasoningBudgetBelowTheMinimum_IsRaisedTo1024AndStaysUnderMaxTokens()
    {
        var low = Write("""{"model":"m","messages":[{"role":"user","content":"hi"}],"reasoning":{"max_tokens":100}}""", maxTokens: 4096);
        var high = Write("""{"model":"m","messages":[{"role":"user","content":"hi"}],"reasoning":{"max_tokens":9000}}""", maxTokens: 4096);

        Assert.Equal(AnthropicRequestWriter.MinimumThinkingBudget, low.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        Assert.Equal(4095, high.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
    }

    [Fact]
    public void Write_ReasoningWhileContinuingAToolCall_GoesWithoutThinking()
    {
        const string continued = """
            {"model":"m","reasoning_effort":"high","messages":[
              {"role":"user","content":"Weather?"},
              {"role":"assistant","tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"toolu_1","content":"sunny"}]}
            """;
        const string answeredSince = """
            {"model":"m","reasoning_effort":"high","messages":[
              {"role":"user","content":"Weather?"},
              {"role":"assistant","tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"toolu_1","content":"sunny"},
              {"role":"assistant","content":"Sunny."},
              {"role":"user","content":"And tomorrow?"}]}
            """;

        // Anthropic would refuse thinking without the call's signed thinking block, which OpenAI's format cannot bring back.
        Assert.False(Write(continued, maxTokens: 8000).TryGetProperty("thinking", out _));
        Assert.True(Write(answeredSince, maxTokens: 8000).TryGetProperty("thinking", out _));
    }

    [Fact]
    public void Write_ReasoningDisabled_SendsNoThinking()
    {
        var body = Write("""{"model":"m","messages":[{"role":"user","content":"hi"}],"reasoning_effort":"none"}""");

        Assert.False(body.TryGetProperty("thinking", out _));
    }

    [Fact]
    public void Write_Tools_AreNameDescriptionAndInputSchema()
    {
        var body = Write("""{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},{"type":"function","function":{"name":"now"}}]}""");

        var tools = body.GetProperty("tools");
        Assert.Equal("get_weather", tools[0].GetProperty("name").GetString());
        Assert.Equal("Weather", tools[0].GetProperty("description").GetString());
        Assert.Equal("string", tools[0].GetProperty("input_schema").GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        // The API requires a schema; a tool without parameters gets an empty object one.
        Assert.Equal("object", tools[1].GetProperty("input_schema").GetProperty("type").GetString());
        Assert.False(body.TryGetProperty("tool_choice", out _));
    }

    [Theory]
    [InlineData("\"auto\"", "auto", null)]
    [InlineData("\"required\"", "any", null)]
    [InlineData("\"none\"", "none", null)]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""", "tool", "get_weather")]
    public void Write_ToolChoice_IsAnthropicsChoice(string choice, string type, string? name)
    {
        var body = Write($$$"""{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"get_weather"}}],"tool_choice":{{{choice}}}}""");

        var written = body.GetProperty("tool_choice");
        Assert.Equal(type, written.GetProperty("type").GetString());
        Assert.Equal(name, written.TryGetProperty("name", out var n) ? n.GetString() : null);
    }

    [Fact]
    public void Write_ParallelToolCallsOff_DisablesParallelToolUse()
    {
        var body = Write("""{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f"}}],"parallel_tool_calls":false}""");

        var choice = body.GetProperty("tool_choice");
        Assert.Equal("auto", choice.GetProperty("type").GetString());
        Assert.True(choice.GetProperty("disable_parallel_tool_use").GetBoolean());
    }

    [Fact]
    public void Write_ToolCallsAndResults_AreToolUseAndToolResultBlocks()
    {
        var body = Write("""
            {"model":"m","messages":[
              {"role":"user","content":"Weather in Paris and Rome?"},
              {"role":"assistant","content":"Checking.","tool_calls":[
                {"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                {"id":"toolu_2","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}}]},
              {"role":"tool","tool_call_id":"toolu_1","content":"sunny"},
              {"role":"tool","tool_call_id":"toolu_2","content":[{"type":"text","text":"rainy"}]}]}
            """);

        var turns = body.GetProperty("messages");
        Assert.Equal(3, turns.GetArrayLength());
        var assistant = turns[1].GetProperty("content");
        Assert.Equal(["text", "tool_use", "tool_use"], assistant.EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("toolu_2", assistant[2].GetProperty("id").GetString());
        Assert.Equal("Rome", assistant[2].GetProperty("input").GetProperty("city").GetString());
        // Both results in one user turn, as the API requires after parallel tool use.
        var results = turns[2];
        Assert.Equal("user", results.GetProperty("role").GetString());
        Assert.Equal("toolu_1", results.GetProperty("content")[0].GetProperty("tool_use_id").GetString());
        Assert.Equal("sunny", results.GetProperty("content")[0].GetProperty("content").GetString());
        Assert.Equal("rainy", results.GetProperty("content")[1].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Write_ToolCallArgumentsNotAnObject_AreRefused()
    {
        var error = Refusal("""{"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"not json"}}]}]}""");

        Assert.Contains("'f'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UnknownRole_IsRefusedNamingTheMessage()
    {
        var error = Refusal("""{"model":"m","messages":[{"role":"user","content":"hi"},{"role":"function","content":"x"}]}""");

        Assert.Contains("messages[1]", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UserAndStream_AreMetadataUserIdAndStream()
    {
        var body = Write("""{"model":"m","messages":[{"role":"user","content":"hi"}],"user":"user-42","stream":true,"stream_options":{"include_usage":true}}""");

        Assert.Equal("user-42", body.GetProperty("metadata").GetProperty("user_id").GetString());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.False(body.TryGetProperty("stream_options", out _));
    }
}
