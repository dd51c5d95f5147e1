using System.Buffers;
using System.Text;
using System.Text.Json;
using Tollway.Gateway.Upstream.Translation.Anthropic;
using static Tollway.Gateway.Tests.Upstream.Translation.TranslationJson;

namespace Tollway.Gateway.Tests.Upstream.Translation.Anthropic;

/// <summary>
/// OpenAI chunks as the Messages API's stream events for an Anthropic client: the documented order (message_start, a
/// start / deltas / stop run per block, message_delta, message_stop), blocks numbered in order, interleaved tool calls
/// kept apart, and a stream that never told its usage still closed properly.
/// </summary>
public sealed class AnthropicStreamEncoderTests
{
    private readonly AnthropicStreamEncoder _encoder = new();
    private readonly ArrayBufferWriter<byte> _output = new();

    private void Encode(string data) => _encoder.Encode(Encoding.UTF8.GetBytes("data: " + data + "\n\n"), _output);

    private static string Chunk(string delta, string finish = "null") =>
        $$$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-same","choices":[{"index":0,"delta":{{{delta}}},"finish_reason":{{{finish}}}}]}""";

    /// <summary>A chunk with one tool-call fragment; the id and name only on a call's first, as OpenAI streams them.</summary>
    private static string ToolChunk(int index, string? id, string? name, string arguments)
    {
        var function = new Dictionary<string, string>();
        if (name is not null)
        {
            function["name"] = name;
        }

        function["arguments"] = arguments;
        var call = new Dictionary<string, object> { ["index"] = index };
        if (id is not null)
        {
            call["id"] = id;
            call["type"] = "function";
        }

        call["function"] = function;
        return Chunk(JsonSerializer.Serialize(new Dictionary<string, object> { ["tool_calls"] = new[] { call } }));
    }

    private List<(string? Name, JsonElement Data)> Written() =>
        [.. Events(_output).Select(e => (e.Name, JsonDocument.Parse(e.Data).RootElement.Clone()))];

    [Fact]
    public void Encode_TextStream_IsTheDocumentedEventSequence()
    {
        Encode(Chunk("""{"role":"assistant","content":""}"""));
        Encode(Chunk("""{"content":"Hello"}"""));
        Encode(Chunk("""{"content":" there"}"""));
        Encode(Chunk("{}", "\"stop\""));
        Encode("""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-same","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12,"cost":0.00001}}""");
        Encode("[DONE]");

        var events = Written();
        Assert.Equal(["message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Name));
        Assert.All(events, e => Assert.Equal(e.Name, e.Data.GetProperty("type").GetString()));
        var message = events[0].Data.GetProperty("message");
        Assert.Equal("chatcmpl-1", message.GetProperty("id").GetString());
        Assert.Equal("gpt-same", message.GetProperty("model").GetString());
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal("text", events[1].Data.GetProperty("content_block").GetProperty("type").GetString());
        Assert.Equal("text_delta", events[2].Data.GetProperty("delta").GetProperty("type").GetString());
        Assert.Equal(" there", events[3].Data.GetProperty("delta").GetProperty("text").GetString());
        Assert.All(events.Skip(1).Take(4), e => Assert.Equal(0, e.Data.GetProperty("index").GetInt32()));
        var delta = events[5].Data;
        Assert.Equal("end_turn", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal(10, delta.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.Equal(2, delta.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal(0.00001, delta.GetProperty("usage").GetProperty("cost").GetDouble());
    }

    [Fact]
    public void Encode_ReasoningThenTextThenToolCall_AreThreeBlocksInOrder()
    {
        Encode(Chunk("""{"reasoning":"Hmm."}"""));
        Encode(Chunk("""{"content":"Let me check."}"""));
        Encode(ToolChunk(0, "call_1", "get_weather", ""));
        Encode(ToolChunk(0, null, null, "{\"city\":"));
        Encode(ToolChunk(0, null, null, "\"Paris\"}"));
        Encode(Chunk("{}", "\"tool_calls\""));
        Encode("[DONE]");

        var starts = Written().Where(e => e.Name == "content_block_start").Select(e => e.Data).ToList();
        Assert.Equal(["thinking", "text", "tool_use"], starts.Select(s => s.GetProperty("content_block").GetProperty("type").GetString()));
        Assert.Equal([0, 1, 2], starts.Select(s => s.GetProperty("index").GetInt32()));
        var tool = starts[2].GetProperty("content_block");
        Assert.Equal("call_1", tool.GetProperty("id").GetString());
        Assert.Equal("get_weather", tool.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, tool.GetProperty("input").ValueKind);
        var input = string.Concat(Written().Where(e => e.Name == "content_block_delta" && e.Data.GetProperty("index").GetInt32() == 2)
            .Select(e => e.Data.GetProperty("delta").GetProperty("partial_json").GetString()));
        Assert.Equal("{\"city\":\"Paris\"}", input);
        Assert.Equal("thinking_delta", Written().First(e => e.Name == "content_block_delta").Data.GetProperty("delta").GetProperty("type").GetString());
        Assert.Equal("tool_use", Written().Single(e => e.Name == "message_delta").Data.GetProperty("delta").GetProperty("stop_reason").GetString());
        // Every block opened is closed once, before the message ends.
        Assert.Equal([0, 1, 2], Written().Where(e => e.Name == "content_block_stop").Select(e => e.Data.GetProperty("index").GetInt32()));
    }

    [Fact]
    public void Encode_InterleavedToolCalls_EachFragmentGoesToItsOwnBlock()
    {
        Encode(ToolChunk(0, "call_a", "get_weather", "{\"city\":"));
        Encode(ToolChunk(1, "call_b", "get_time", "{\"zone\":"));
        Encode(ToolChunk(0, null, null, "\"Paris\"}"));
        Encode(ToolChunk(1, null, null, "\"CET\"}"));
        Encode(Chunk("{}", "\"tool_calls\""));
        Encode("[DONE]");

        string Input(int block) => string.Concat(Written()
            .Where(e => e.Name == "content_block_delta" && e.Data.GetProperty("index").GetInt32() == block)
            .Select(e => e.Data.GetProperty("delta").GetProperty("partial_json").GetString()));
        Assert.Equal("{\"city\":\"Paris\"}", Input(0));
        Assert.Equal("{\"zone\":\"CET\"}", Input(1));
        Assert.DoesNotContain(Written(), e => e.Data.TryGetProperty("index", out var i) && i.GetInt32() < 0);
    }

    [Fact]
    public void Encode_DoneWithoutAnyUsage_StillClosesTheBlockAndSendsMessageDeltaThenStop()
    {
        Encode(Chunk("""{"content":"Hi"}"""));
        Encode("[DONE]");

        var events = Written();
        Assert.Equal(["message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"], events.Select(e => e.Name));
        var usage = events[4].Data.GetProperty("usage");
        Assert.Equal(0, usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal("end_turn", events[4].Data.GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public void Encode_LengthFinish_IsMaxTokens()
    {
        Encode(Chunk("""{"content":"Hi"}"""));
        Encode(Chunk("{}", "\"length\""));
        Encode("[DONE]");

        Assert.Equal("max_tokens", Written().Single(e => e.Name == "message_delta").Data.GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public void Encode_UsageWithCache_IsSplitAsAnthropicCountsIt()
    {
        Encode(Chunk("""{"content":"Hi"}""", "\"stop\""));
        Encode("""{"id":"c","choices":[],"usage":{"prompt_tokens":1000,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":600,"cache_write_tokens":300}}}""");

        var usage = Written().Single(e => e.Name == "message_delta").Data.GetProperty("usage");
        Assert.Equal(100, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(600, usage.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(300, usage.GetProperty("cache_creation_input_tokens").GetInt32());
        Assert.Equal(5, usage.GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public void Encode_ErrorChunk_IsAnErrorEvent()
    {
        Encode(Chunk("""{"content":"Hi"}"""));
        Encode("""{"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"error"}],"error":{"message":"Overloaded","type":"server_error","code":"overloaded_error"}}""");

        var error = Written()[^1];
        Assert.Equal("error", error.Name);
        Assert.Equal("error", error.Data.GetProperty("type").GetString());
        Assert.Equal("Overloaded", error.Data.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void EncodeError_GatewayEndingTheStream_IsAnApiErrorEvent()
    {
        _encoder.EncodeError("The provider 'x' failed: the stream broke off.", _output);

        var (name, data) = Assert.Single(Written());
        Assert.Equal("error", name);
        Assert.Equal("api_error", data.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public void Encode_SecondChoice_IsLeftOutSinceAMessageHasOne()
    {
        Encode("""{"id":"c","model":"m","choices":[{"index":1,"delta":{"content":"other"},"finish_reason":null},{"index":0,"delta":{"content":"mine"},"finish_reason":null}]}""");

        var delta = Assert.Single(Written(), e => e.Name == "content_block_delta");
        Assert.Equal("mine", delta.Data.GetProperty("delta").GetProperty("text").GetString());
    }
}
