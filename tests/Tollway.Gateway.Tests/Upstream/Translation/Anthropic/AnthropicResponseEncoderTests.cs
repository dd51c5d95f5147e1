using System.Text.Json;
using Tollway.Gateway.Upstream.Translation.Anthropic;
using static Tollway.Gateway.Tests.Upstream.Translation.TranslationJson;

namespace Tollway.Gateway.Tests.Upstream.Translation.Anthropic;

/// <summary>OpenAI chat completions as Messages API responses for an Anthropic client.</summary>
public sealed class AnthropicResponseEncoderTests
{
    [Fact]
    public void Encode_Completion_IsAMessageWithThinkingTextAndToolUseBlocks()
    {
        var message = Parse(AnthropicResponseEncoder.Encode(Utf8("""
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-same","choices":[{"index":0,"message":{"role":"assistant","content":"Checking.","reasoning":"Think.","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":100,"completion_tokens":20,"total_tokens":120,"prompt_tokens_details":{"cached_tokens":40},"cost":0.0001}}
            """)));

        Assert.Equal("chatcmpl-1", message.GetProperty("id").GetString());
        Assert.Equal("message", message.GetProperty("type").GetString());
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal("gpt-same", message.GetProperty("model").GetString());
        var content = message.GetProperty("content");
        Assert.Equal(["thinking", "text", "tool_use"], content.EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("Think.", content[0].GetProperty("thinking").GetString());
        Assert.Equal("Checking.", content[1].GetProperty("text").GetString());
        Assert.Equal("call_1", content[2].GetProperty("id").GetString());
        Assert.Equal("Paris", content[2].GetProperty("input").GetProperty("city").GetString());
        Assert.Equal("tool_use", message.GetProperty("stop_reason").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("stop_sequence").ValueKind);
        var usage = message.GetProperty("usage");
        Assert.Equal(60, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(40, usage.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("cache_creation_input_tokens").GetInt32());
        Assert.Equal(20, usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal(0.0001, usage.GetProperty("cost").GetDouble());
    }

    [Fact]
    public void Encode_EmptyContent_HasNoEmptyTextBlock()
    {
        var message = Parse(AnthropicResponseEncoder.Encode(Utf8("""{"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"length"}],"usage":{"prompt_tokens":1,"completion_tokens":0}}""")));

        Assert.Equal(0, message.GetProperty("content").GetArrayLength());
        Assert.Equal("max_tokens", message.GetProperty("stop_reason").GetString());
    }
}
