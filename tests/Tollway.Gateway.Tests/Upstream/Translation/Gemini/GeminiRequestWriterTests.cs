using System.Text.Json;
using Tollway.Gateway.Upstream.Translation.Gemini;
using Tollway.Gateway.Wire;
using static Tollway.Gateway.Tests.Upstream.Translation.TranslationJson;

namespace Tollway.Gateway.Tests.Upstream.Translation.Gemini;

/// <summary>Chat completion requests as Gemini <c>generateContent</c> requests, one mapping rule per test (checked
/// against https://ai.google.dev/api/generate-content).</summary>
public sealed class GeminiRequestWriterTests
{
    private static JsonElement Write(string chat, int maxTokens = 4096, int? thinkingBudget = null)
    {
        var translated = GeminiRequestWriter.Write(Utf8(chat), new InspectedRequest { ThinkingBudget = thinkingBudget }, maxTokens);
        Assert.Null(translated.Error);
        using var body = translated.Body!;
        return Parse(body.Span);
    }

    [Fact]
    public void Write_Messages_AreContentsWithTheAssistantAsModelAndSystemAsSystemInstruction()
    {
        var body = Write("""{"model":"g","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"},{"role":"user","content":"there"},{"role":"assistant","content":"Hello"},{"role":"user","content":"bye"}]}""");

        Assert.Equal("Be brief.", body.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
        var contents = body.GetProperty("contents");
        Assert.Equal(["user", "model", "user"], contents.EnumerateArray().Select(c => c.GetProperty("role").GetString()));
        Assert.Equal(["hi", "there"], contents[0].GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("text").GetString()));
        // The model travels in the URL only.
        Assert.False(body.TryGetProperty("model", out _));
        Assert.False(body.TryGetProperty("messages", out _));
    }

    [Fact]
    public void Write_Images_AreInlineDataOrFileData()
    {
        var body = Write("""{"model":"g","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}},{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]}""");

        var parts = body.GetProperty("contents")[0].GetProperty("parts");
        Assert.Equal("image/jpeg", parts[0].GetProperty("inlineData").GetProperty("mimeType").GetString());
        Assert.Equal("/9j/4AAQ", parts[0].GetProperty("inlineData").GetProperty("data").GetString());
        Assert.Equal("https://example.com/cat.png", parts[1].GetProperty("fileData").GetProperty("fileUri").GetString());
        Assert.Equal("image/png", parts[1].GetProperty("fileData").GetProperty("mimeType").GetString());
    }

    [Fact]
    public void Write_Sampling_IsGenerationConfig()
    {
        var body = Write("""{"model":"g","messages":[{"role":"user","content":"hi"}],"temperature":0.7,"top_p":0.9,"seed":42,"presence_penalty":0.1,"frequency_penalty":0.2,"n":2,"stop":["END"]}""", maxTokens: 500);

        var config = body.GetProperty("generationConfig");
        Assert.Equal(0.7, config.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, config.GetProperty("topP").GetDouble());
        Assert.Equal(42, config.GetProperty("seed").GetInt32());
        Assert.Equal(0.1, config.GetProperty("presencePenalty").GetDouble());
        Assert.Equal(0.2, config.GetProperty("frequencyPenalty").GetDouble());
        Assert.Equal(500, config.GetProperty("maxOutputTokens").GetInt32());
        Assert.Equal(2, config.GetProperty("candidateCount").GetInt32());
        Assert.Equal("END", config.GetProperty("stopSequences")[0].GetString());
    }

    [Fact]
    public void Write_JsonSchemaResponseFormat_IsResponseMimeTypeAndJsonSchema()
    {
        var body = Write("""{"model":"g","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object","properties":{"a":{"type":"string"}}}}}}""");

        var config = body.GetProperty("generationConfig");
        Assert.Equal("application/json", config.GetProperty("responseMimeType").GetString());
        Assert.Equal("string", config.GetProperty("responseJsonSchema").GetProperty("properties").GetProperty("a").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(""" "reasoning_effort":"low" """, 1024, true)]
    [InlineData(""" "reasoning_effort":"none" """, 0, false)]
    [InlineData(""" "reasoning":{"max_tokens":3000} """, 3000, true)]
    public void Write_Reasoning_IsAThinkingConfigBudget(string reasoning, int budget, bool includeThoughts)
    {
        var body = Write($$"""{"model":"g","messages":[{"role":"user","content":"hi"}],{{reasoning}}}""");

        var thinking = body.GetProperty("generationConfig").GetProperty("thinkingConfig");
        Assert.Equal(budget, thinking.GetProperty("thinkingBudget").GetInt32());
        Assert.Equal(includeThoughts, thinking.GetProperty("includeThoughts").GetBoolean());
    }

    [Fact]
    public void Write_AnthropicClientsThinkingBudget_IsTheThinkingBudget()
    {
        var body = Write("""{"model":"g","messages":[{"role":"user","content":"hi"}]}""", thinkingBudget: 2048);

        Assert.Equal(2048, body.GetProperty("generationConfig").GetProperty("thinkingConfig").GetProperty("thinkingBudget").GetInt32());
    }

    [Fact]
    public void Write_Tools_AreFunctionDeclarationsWithAJsonSchema()
    {
        var body = Write("""{"model":"g","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"additionalProperties":false}}}]}""");

        var declaration = Assert.Single(body.GetProperty("tools")[0].GetProperty("functionDeclarations").EnumerateArray());
        Assert.Equal("get_weather", declaration.GetProperty("name").GetString());
        Assert.Equal("Weather", declaration.GetProperty("description").GetString());
        Assert.False(declaration.GetProperty("parametersJsonSchema").GetProperty("additionalProperties").GetBoolean());
        Assert.False(body.TryGetProperty("toolConfig", out _));
    }

    [Theory]
    [InlineData("\"auto\"", "AUTO", null)]
    [InlineData("\"required\"", "ANY", null)]
    [InlineData("\"none\"", "NONE", null)]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""", "ANY", "get_weather")]
    public void Write_ToolChoice_IsFunctionCallingConfig(string choice, string mode, string? allowed)
    {
        var body = Write($$$"""{"model":"g","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"get_weather"}}],"tool_choice":{{{choice}}}}""");

        var config = body.GetProperty("toolConfig").GetProperty("functionCallingConfig");
        Assert.Equal(mode, config.GetProperty("mode").GetString());
        Assert.Equal(allowed, config.TryGetProperty("allowedFunctionNames", out var names) ? names[0].GetString() : null);
    }

    [Fact]
    public void Write_ToolCallsAndResults_AreFunctionCallAndFunctionResponseParts()
    {
        var body = Write("""
            {"model":"g","messages":[
              {"role":"user","content":"Weather?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1~sig~CiQBsig","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1~sig~CiQBsig","content":"{\"forecast\":\"sunny\"}"},
              {"role":"user","content":"And tomorrow?"}]}
            """);

        var contents = body.GetProperty("contents");
        var call = contents[1].GetProperty("parts")[0];
        Assert.Equal("model", contents[1].GetProperty("role").GetString());
        Assert.Equal("get_weather", call.GetProperty("functionCall").GetProperty("name").GetString());
        Assert.Equal("Paris", call.GetProperty("functionCall").GetProperty("args").GetProperty("city").GetString());
        // The thought signature Gemini gave the call goes back with it.
        Assert.Equal("CiQBsig", call.GetProperty("thoughtSignature").GetString());
        var parts = contents[2].GetProperty("parts");
        Assert.Equal("user", contents[2].GetProperty("role").GetString());
        var response = parts[0].GetProperty("functionResponse");
        Assert.Equal("get_weather", response.GetProperty("name").GetString());
        Assert.Equal("sunny", response.GetProperty("response").GetProperty("forecast").GetString());
        Assert.Equal("And tomorrow?", parts[1].GetProperty("text").GetString());
    }

    [Fact]
    public void Write_ToolResultThatIsNotAJsonObject_IsWrappedInContent()
    {
        var body = Write("""{"model":"g","messages":[{"role":"user","content":"Weather?"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"sunny"}]}""");

        Assert.Equal("sunny", body.GetProperty("contents")[2].GetProperty("parts")[0].GetProperty("functionResponse").GetProperty("response").GetProperty("content").GetString());
    }

    [Fact]
    public void Write_ToolResultForNoKnownCall_IsRefused()
    {
        var translated = GeminiRequestWriter.Write(Utf8("""{"model":"g","messages":[{"role":"user","content":"x"},{"role":"tool","tool_call_id":"nope","content":"sunny"}]}"""), new InspectedRequest(), 4096);

        Assert.Contains("'nope'", translated.Error, StringComparison.Ordinal);
        Assert.Null(translated.Body);
    }
}
