using System.Buffers;
using System.Text.Json;
using Tollway.Gateway.Upstream.Translation.Anthropic;
using static Tollway.Gateway.Tests.Upstream.Translation.TranslationJson;

namespace Tollway.Gateway.Tests.Upstream.Translation.Anthropic;

/// <summary>
/// Each Messages API stream event type (the documented sequence: message_start, ping, content_block_start / delta / stop,
/// message_delta, message_stop, error) as the OpenAI chunks it becomes, one event at a time.
/// </summary>
public sealed class AnthropicStreamDecoderTests
{
    private const string MessageStart = """{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":100,"cache_read_input_tokens":200,"output_tokens":1}}}""";

    private readonly AnthropicStreamDecoder _decoder = new(created: 1_700_000_000);

    private List<JsonElement> Decode(string data, string name)
    {
        var output = new ArrayBufferWriter<byte>();
        _decoder.Decode(Event(data, name), output);
        return Chunks(output);
    }

    [Fact]
    public void Decode_MessageStart_IsTheRoleChunkWithTheMessagesIdAndModel()
    {
        var chunk = Assert.Single(Decode(MessageStart, "message_start"));

        Assert.Equal("msg_1", chunk.GetProperty("id").GetString());
        Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString());
        Assert.Equal("claude-sonnet-4-5", chunk.GetProperty("model").GetString());
        Assert.Equal("assistant", Delta(chunk).GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("""{"type":"ping"}""", "ping")]
    [InlineData("""{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""", "content_block_start")]
    [InlineData("""{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}""", "content_block_start")]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQB"}}""", "content_block_delta")]
    [InlineData("""{"type":"content_block_stop","index":0}""", "content_block_stop")]
    [InlineData("""{"type":"some_future_event","index":0}""", "some_future_event")]
    public void Decode_EventsWithNothingForAChatCompletion_WriteNothing(string data, string name) =>
        Assert.Empty(Decode(data, name));

    [Fact]
    public void Decode_TextDelta_IsAContentChunk()
    {
        Decode(MessageStart, "message_start");

        var chunk = Assert.Single(Decode("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}""", "content_block_delta"));

        Assert.Equal("msg_1", chunk.GetProperty("id").GetString());
        Assert.Equal("Hello", Delta(chunk).GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Null, chunk.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
    }

    [Fact]
    public void Decode_ThinkingDelta_IsAReasoningChunk()
    {
        var chunk = Assert.Single(Decode("""{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me see."}}""", "content_block_delta"));

        Assert.Equal("Let me see.", Delta(chunk).GetProperty("reasoning").GetString());
    }

    [Fact]
    public void Decode_ToolUseBlocks_AreToolCallsNumberedInOrderWithTheirArgumentFragments()
    {
        var first = Assert.Single(Decode("""{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}}""", "content_block_start"));
        var fragment = Assert.Single(Decode("""{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}""", "content_block_delta"));
        Assert.Empty(Decode("""{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}""", "content_block_delta"));
        var second = Assert.Single(Decode("""{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_2","name":"get_time","input":{}}}""", "content_block_start"));
        var late = Assert.Single(Decode("""{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\"Paris\"}"}}""", "content_block_delta"));

        var opened = Delta(first).GetProperty("tool_calls")[0];
        Assert.Equal(0, opened.GetProperty("index").GetInt32());
        Assert.Equal("toolu_1", opened.GetProperty("id").GetString());
        Assert.Equal("function", opened.GetProperty("type").GetString());
        Assert.Equal("get_weather", opened.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("{\"city\":", Delta(fragment).GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal(1, Delta(second).GetProperty("tool_calls")[0].GetProperty("index").GetInt32());
        Assert.Equal(0, Delta(late).GetProperty("tool_calls")[0].GetProperty("index").GetInt32());
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("max_tokens", "length")]
    public void Decode_MessageDelta_IsTheFinishChunk(string stopReason, string finishReason)
    {
        var chunk = Assert.Single(Decode($$$"""{"type":"message_delta","delta":{"stop_reason":"{{{stopReason}}}","stop_sequence":null},"usage":{"output_tokens":15}}""", "message_delta"));

        Assert.Equal(finishReason, chunk.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Decode_MessageStop_IsTheUsageChunkOfTheWholeStreamThenDone()
    {
        Decode(MessageStart, "message_start");
        Decode("""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}""", "message_delta");
        var output = new ArrayBufferWriter<byte>();

        _decoder.Decode(Event("""{"type":"message_stop"}""", "message_stop"), output);

        var events = Events(output);
        Assert.Equal("[DONE]", events[^1].Data);
        var usage = JsonDocument.Parse(events[0].Data).RootElement;
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        // input_tokens excludes the cache: the prompt is 25 + 100 written + 200 read.
        Assert.Equal(325, usage.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(15, usage.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(200, usage.GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(100, usage.GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cache_write_tokens").GetInt32());
    }

    [Fact]
    public void Decode_MessageDeltaWithCumulativeUsage_ReplacesTheStartsCounts()
    {
        Decode(MessageStart, "message_start");
        Decode("""{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"input_tokens":30,"cache_creation_input_tokens":100,"cache_read_input_tokens":200,"output_tokens":40}}""", "message_delta");
        var output = new ArrayBufferWriter<byte>();

        _decoder.Decode(Event("""{"type":"message_stop"}""", "message_stop"), output);

        var usage = Chunks(output)[0].GetProperty("usage");
        Assert.Equal(330, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(40, usage.GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public void Decode_ErrorEvent_IsAnErrorChunkCarryingTheErrorType()
    {
        var chunk = Assert.Single(Decode("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", "error"));

        Assert.Equal("error", chunk.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("overloaded_error", chunk.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("Overloaded", chunk.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void Complete_StreamWithoutMessageStop_OwesNothingSoTheRelayCallsItIncomplete()
    {
        Decode(MessageStart, "message_start");
        var output = new ArrayBufferWriter<byte>();

        _decoder.Complete(output);

        Assert.Equal(0, output.WrittenCount);
    }
}
