using System.Text.Json;
using Tollway.Gateway.Upstream.Translation.Anthropic;
using static Tollway.Gateway.Tests.Upstream.Translation.TranslationJson;

namespace Tollway.Gateway.Tests.Upstream.Translation.Anthropic;

/// <summary>Messages API responses (the reference's examples) as OpenAI chat completions.</summary>
public sealed class AnthropicResponseDecoderTests
{
    private static JsonElement Decode(string message) => Parse(AnthropicResponseDecoder.Decode(Utf8(message), created: 1_700_000_000));

    [Fact]
    public void Decode_TextAnswer_IsTheMessageContent()
    {
        var completion = Decode("""{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"Hi! "},{"type":"text","text":"How can I help?"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":6}}""");

        Assert.Equal("msg_01", completion.GetProperty("id").GetString());
        Assert.Equal("chat.completion", completion.GetProperty("object").GetString());
        Assert.Equal(1_700_000_000, completion.GetProperty("created").GetInt64());
        Assert.Equal("claude-sonnet-4-5", completion.GetProperty("model").GetString());
        var choice = completion.GetProperty("choices")[0];
        Assert.Equal("Hi! How can I help?", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Decode_ThinkingAndToolUse_AreReasoningAndToolCalls()
    {
        var completion = Decode("""
            {"id":"msg_02","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[
              {"type":"thinking","thinking":"The user wants the weather.","signature":"EqQB"},
              {"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"location":"San Francisco, CA","unit":"celsius"}}],
             "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":400,"output_tokens":90}}
            """);

        var choice = completion.GetProperty("choices")[0];
        var message = choice.GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        Assert.Equal("The user wants the weather.", message.GetProperty("reasoning").GetString());
        var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("toolu_01A", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        using var arguments = JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!);
        Assert.Equal("celsius", arguments.RootElement.GetProperty("unit").GetString());
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Decode_CacheUsage_IsInsidePromptTokensWithEachPartApart()
    {
        var completion = Decode("""{"id":"m","model":"c","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","usage":{"input_tokens":50,"cache_creation_input_tokens":1000,"cache_read_input_tokens":3000,"output_tokens":20}}""");

        var usage = completion.GetProperty("usage");
        Assert.Equal(4050, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(20, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(4070, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(3000, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(1000, usage.GetProperty("prompt_tokens_details").GetProperty("cache_write_tokens").GetInt32());
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("pause_turn", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    public void ToFinishReason_StopReason_IsOpenAisFinishReason(string stopReason, string finishReason) =>
        Assert.Equal(finishReason, AnthropicStopReasons.ToFinishReason(stopReason));

    [Theory]
    [InlineData("stop", "end_turn")]
    [InlineData("length", "max_tokens")]
    [InlineData("tool_calls", "tool_use")]
    [InlineData("content_filter", "refusal")]
    public void FromFinishReason_FinishReason_IsAnthropicsStopReason(string finishReason, string stopReason) =>
        Assert.Equal(stopReason, AnthropicStopReasons.FromFinishReason(finishReason));
}
