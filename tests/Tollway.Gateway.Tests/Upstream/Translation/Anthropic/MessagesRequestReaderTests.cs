using System.Text.Json;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Upstream.Translation.Anthropic;
using static Tollway.Gateway.Tests.Upstream.Translation.TranslationJson;

namespace Tollway.Gateway.Tests.Upstream.Translation.Anthropic;

/// <summary>Anthropic Messages requests read as the equivalent chat completion, one mapping rule per test.</summary>
public sealed class MessagesRequestReaderTests
{
    private static JsonElement Read(string messages, out MessagesRequest request)
    {
        request = MessagesRequestReader.Read(Utf8(messages));
        Assert.Null(request.Error);
        using var chat = request.ChatBody!;
        return Parse(chat.Span);
    }

    private static JsonElement Read(string messages) => Read(messages, out _);

    [Fact]
    public void Read_SystemAndText_AreASystemMessageThenTheUserMessage()
    {
        var chat = Read("""{"model":"claude","max_tokens":100,"system":[{"type":"text","text":"Be brief."},{"type":"text","text":"No emoji."}],"messages":[{"role":"user","content":"hi"}]}""", out var request);

        Assert.Equal("claude", request.Model);
        Assert.Equal("claude", chat.GetProperty("model").GetString());
        Assert.Equal(100, request.MaxTokens);
        // Each provider gets the limit held for it, in its own member, from the gateway (see UpstreamOutputCap).
        Assert.False(chat.TryGetProperty("max_tokens", out _));
        var messages = chat.GetProperty("messages");
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("Be brief.\nNo emoji.", messages[0].GetProperty("content").GetString());
        Assert.Equal("hi", messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public void Read_ModelValue_IsTheRangeOfTheModelStringInTheOriginalBytes()
    {
        const string body = """{"max_tokens":5,"model":"claude-x","messages":[{"role":"user","content":"hi"}]}""";

        var request = MessagesRequestReader.Read(Utf8(body));
        using var chat = request.ChatBody;

        Assert.Equal("\"claude-x\"", body[request.ModelValue]);
    }

    [Fact]
    public void Read_MaxTokensValue_IsTheRangeOfTheNumberInTheOriginalBytes()
    {
        const string body = """{"model":"claude-x","max_tokens" :  20000 ,"messages":[{"role":"user","content":"hi"}]}""";

        var request = MessagesRequestReader.Read(Utf8(body));
        using var chat = request.ChatBody;

        Assert.Equal("20000", body[request.MaxTokensValue]);
    }

    [Theory]
    [InlineData("""{"model":"cheap","model":"dear","max_tokens":5,"messages":[]}""", "model")]
    [InlineData("""{"model":"c","max_tokens":5,"messages":[],"max_tokens":100000}""", "max_tokens")]
    [InlineData("""{"model":"c","max_tokens":5,"messages":[],"messages":[{"role":"user","content":"x"}]}""", "messages")]
    [InlineData("""{"model":"c","max_tokens":5,"system":"a","messages":[],"system":"b"}""", "system")]
    [InlineData("""{"model":"c","max_tokens":5,"stream":false,"messages":[],"stream":true}""", "stream")]
    public void Read_MemberTheGatewayActsOnTwice_IsRefusedNamingIt(string body, string param)
    {
        var request = MessagesRequestReader.Read(Utf8(body));

        Assert.Equal(param, request.Param);
        Assert.Contains("appears more than once", request.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ImageBlocks_AreImageUrlPartsWithBase64AsADataUrl()
    {
        var chat = Read("""{"model":"c","max_tokens":10,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},{"type":"image","source":{"type":"url","url":"https://example.com/a.jpg"}},{"type":"text","text":"What are these?"}]}]}""");

        var parts = chat.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("data:image/png;base64,iVBORw0KGgo=", parts[0].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("https://example.com/a.jpg", parts[1].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("What are these?", parts[2].GetProperty("text").GetString());
    }

    [Fact]
    public void Read_ToolUseAndToolResult_AreAssistantToolCallsAndToolMessages()
    {
        var chat = Read("""
            {"model":"c","max_tokens":10,"messages":[
              {"role":"user","content":"Weather?"},
              {"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"s"},{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"sunny"}]},{"type":"text","text":"Thanks"}]}]}
            """);

        var messages = chat.GetProperty("messages");
        var assistant = messages[1];
        Assert.Equal("Checking.", assistant.GetProperty("content").GetString());
        var call = assistant.GetProperty("tool_calls")[0];
        Assert.Equal("toolu_1", call.GetProperty("id").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Paris", JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!).RootElement.GetProperty("city").GetString());
        // The result answers the call, so it comes before the user's own words.
        Assert.Equal("tool", messages[2].GetProperty("role").GetString());
        Assert.Equal("toolu_1", messages[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("sunny", messages[2].GetProperty("content").GetString());
        Assert.Equal("Thanks", messages[3].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Read_ToolsAndToolChoice_AreFunctionToolsAndOpenAisChoice()
    {
        var chat = Read("""{"model":"c","max_tokens":10,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}},{"type":"web_search_20250305","name":"web_search"}],"tool_choice":{"type":"tool","name":"get_weather","disable_parallel_tool_use":true}}""");

        var tool = Assert.Single(chat.GetProperty("tools").EnumerateArray());
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("get_weather", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("object", tool.GetProperty("function").GetProperty("parameters").GetProperty("type").GetString());
        Assert.Equal("get_weather", chat.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
        Assert.False(chat.GetProperty("parallel_tool_calls").GetBoolean());
    }

    [Theory]
    [InlineData("any", "required")]
    [InlineData("auto", "auto")]
    [InlineData("none", "none")]
    public void Read_ToolChoiceType_IsOpenAisChoice(string type, string expected)
    {
        var chat = Read($$$"""{"model":"c","max_tokens":10,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"f","input_schema":{"type":"object"}}],"tool_choice":{"type":"{{{type}}}"}}""");

        Assert.Equal(expected, chat.GetProperty("tool_choice").GetString());
    }

    [Fact]
    public void Read_SamplingStopStreamAndUser_AreCarriedOver()
    {
        var chat = Read("""{"model":"c","max_tokens":10,"messages":[{"role":"user","content":"hi"}],"temperature":0.3,"top_p":0.8,"stop_sequences":["END"],"stream":true,"metadata":{"user_id":"u-7"}}""");

        Assert.Equal(0.3, chat.GetProperty("temperature").GetDouble());
        Assert.Equal(0.8, chat.GetProperty("top_p").GetDouble());
        Assert.Equal("END", chat.GetProperty("stop")[0].GetString());
        Assert.True(chat.GetProperty("stream").GetBoolean());
        // An Anthropic stream always ends with its usage, so the provider is asked for it.
        Assert.True(chat.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal("u-7", chat.GetProperty("user").GetString());
    }

    [Fact]
    public void Read_Thinking_IsKeptAsTheBudget()
    {
        Read("""{"model":"c","max_tokens":4000,"messages":[{"role":"user","content":"hi"}],"thinking":{"type":"enabled","budget_tokens":2048}}""", out var request);

        Assert.Equal(2048, request.ThinkingBudget);
    }

    [Theory]
    [InlineData("""{"model":"c","messages":[{"role":"user","content":"hi"}]}""", "max_tokens")]
    [InlineData("""{"model":"c","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}""", "max_tokens")]
    [InlineData("""{"model":"c","max_tokens":10}""", "messages")]
    [InlineData("""{"model":"","max_tokens":10,"messages":[]}""", "model")]
    [InlineData("""[1]""", null)]
    public void Read_InvalidRequest_IsRefusedNamingTheField(string body, string? param)
    {
        var request = MessagesRequestReader.Read(Utf8(body));

        Assert.NotNull(request.Error);
        Assert.Equal(param, request.Param);
        Assert.Null(request.ChatBody);
    }

    [Fact]
    public void Read_CountTokensWithoutMaxTokens_IsAccepted()
    {
        var request = MessagesRequestReader.Read(Utf8("""{"model":"c","messages":[{"role":"user","content":"hi"}]}"""), requireMaxTokens: false);
        using var chat = request.ChatBody;

        Assert.Null(request.Error);
    }

    [Theory]
    [InlineData("messages", "C0AF")]
    [InlineData("system", "EDA080")]
    [InlineData("messages", "F09F98")]
    public void Read_InvalidUtf8InAString_IsRefusedNotThrown(string where, string hex)
    {
        var (before, after) = where == "system"
            ? ("""{"model":"c","max_tokens":5,"system":"a""", "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            : ("""{"model":"c","max_tokens":5,"messages":[{"role":"user","content":"a""", "\"}]}");
        byte[] body = [.. Utf8(before).ToArray(), .. Convert.FromHexString(hex), .. Utf8(after).ToArray()];

        var request = MessagesRequestReader.Read(body);

        Assert.Contains("not valid UTF-8", request.Error, StringComparison.Ordinal);
        Assert.Null(request.ChatBody);
    }

    [Fact]
    public void Read_EscapedLoneSurrogate_IsRefusedNotThrown()
    {
        var request = MessagesRequestReader.Read(Utf8("""{"model":"c","max_tokens":5,"messages":[{"role":"user","content":"\ud800"}]}"""));

        Assert.Contains("lone UTF-16 surrogate", request.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_ModelLongerThanTheLimit_IsRefusedNamingModel(bool requireMaxTokens)
    {
        var request = MessagesRequestReader.Read(
            Utf8($$"""{"model":"{{new string('c', 1024 * 1024)}}","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"""), requireMaxTokens);

        Assert.Equal("model", request.Param);
        Assert.Equal($"model: longer than {CatalogModel.MaxIdLength} characters.", request.Error);
    }
}
