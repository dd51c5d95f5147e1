using System.Buffers;
using System.Text.Json;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>
/// Turns the OpenAI chunks the gateway relays into the Messages API's events for an Anthropic client:
/// <c>message_start</c> before the first chunk, a <c>content_block_start</c> / <c>content_block_delta</c>… /
/// <c>content_block_stop</c> run for each thinking, text and tool-call block, <c>message_delta</c> with the stop
/// reason and the usage (cost included) once the usage chunk comes, <c>message_stop</c> for <c>[DONE]</c>, and an
/// <c>error</c> event for an error chunk.
/// </summary>
internal sealed class AnthropicStreamEncoder : IStreamEncoder
{
    private readonly Dictionary<int, int> _toolBlocks = [];
    private Utf8JsonWriter? _writer;
    private bool _started;
    private bool _messageDeltaSent;
    private int _nextBlock;
    private int _openBlock = -1;
    private string? _openKind;
    private string? _stopReason;

    public void Encode(ReadOnlySpan<byte> openAiEvent, IBufferWriter<byte> output)
    {
        var data = SseEventParser.DataOf(openAiEvent);
        if (data.IsEmpty)
        {
            return;
        }

        if (data.SequenceEqual("[DONE]"u8))
        {
            Start(output, "", "");
            CloseBlock(output);
            if (!_messageDeltaSent)
            {
                MessageDelta(output, default);
            }

            SseEvents.Write(output, "message_stop"u8, """{"type":"message_stop"}"""u8);
            return;
        }

        using var document = JsonDocument.Parse(data.ToArray());
        var chunk = document.RootElement;
        if (JsonBlocks.TryGet(chunk, "error", out var error))
        {
            AnthropicErrorWriter.WriteEvent(output, "api_error", JsonBlocks.String(error, "message") ?? "The provider failed.");
            return;
        }

        Start(output, JsonBlocks.String(chunk, "id") ?? "", JsonBlocks.String(chunk, "model") ?? "");
        if (JsonBlocks.TryGet(chunk, "choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            // One message: Anthropic has no choices, so only the first is told.
            foreach (var choice in choices.EnumerateArray().Where(c => (JsonBlocks.TryGet(c, "index", out var i) ? i.GetInt32() : 0) == 0))
            {
                Choice(output, choice);
            }
        }

        if (JsonBlocks.TryGet(chunk, "usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            CloseBlock(output);
            MessageDelta(output, usage);
        }
    }

    public void EncodeError(string message, IBufferWriter<byte> output) => AnthropicErrorWriter.WriteEvent(output, "api_error", message);

    private void Choice(IBufferWriter<byte> output, JsonElement choice)
    {
        if (JsonBlocks.TryGet(choice, "delta", out var delta))
        {
            if ((JsonBlocks.String(delta, "reasoning") ?? JsonBlocks.String(delta, "reasoning_content")) is { Length: > 0 } thinking)
            {
                Text(output, "thinking", thinking);
            }

            if ((JsonBlocks.String(delta, "content") ?? JsonBlocks.String(delta, "refusal")) is { Length: > 0 } text)
            {
                Text(output, "text", text);
            }

            if (JsonBlocks.TryGet(delta, "tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    ToolCall(output, call);
                }
            }
        }

        if (JsonBlocks.String(choice, "finish_reason") is { } finish)
        {
            _stopReason = AnthropicStopReasons.FromFinishReason(finish);
            CloseBlock(output);
        }
    }

    private void Text(IBufferWriter<byte> output, string kind, string text)
    {
        if (_openKind != kind)
        {
            CloseBlock(output);
            Event(output, "content_block_start"u8, (_nextBlock, kind), static (w, s) =>
            {
                w.WriteString("type"u8, "content_block_start");
                w.WriteNumber("index"u8, s.Item1);
                w.WriteStartObject("content_block"u8);
                w.WriteString("type"u8, s.kind);
                w.WriteString(s.kind, "");
                if (s.kind == "thinking")
                {
                    w.WriteString("signature"u8, "");
                }

                w.WriteEndObject();
            });
            Open(kind);
        }

        Delta(output, _openBlock, kind == "thinking" ? "thinking_delta" : "text_delta", kind, text);
    }

    private void ToolCall(IBufferWriter<byte> output, JsonElement call)
    {
        var index = JsonBlocks.TryGet(call, "index", out var i) && i.TryGetInt32(out var n) ? n : 0;
        JsonBlocks.TryGet(call, "function", out var function);
        if (!_toolBlocks.TryGetValue(index, out var block))
        {
            CloseBlock(output);
            block = _nextBlock;
            _toolBlocks[index] = block;
            Event(output, "content_block_start"u8, (_nextBlock, JsonBlocks.String(call, "id") ?? "", JsonBlocks.String(function, "name") ?? ""), static (w, s) =>
            {
                w.WriteString("type"u8, "content_block_start");
                w.WriteNumber("index"u8, s.Item1);
                w.WriteStartObject("content_block"u8);
                w.WriteString("type"u8, "tool_use");
                w.WriteString("id"u8, s.Item2);
                w.WriteString("name"u8, s.Item3);
                w.WriteStartObject("input"u8);
                w.WriteEndObject();
                w.WriteEndObject();
            });
            Open("tool_use:" + index);
        }

        if (JsonBlocks.String(function, "arguments") is { Length: > 0 } arguments)
        {
            // A fragment goes to its own call's block even when a provider interleaves parallel calls and that block is no
            // longer the open one: the SDKs gather tool input by block index.
            Delta(output, block, "input_json_delta", "partial_json", arguments);
        }
    }

    private void Start(IBufferWriter<byte> output, string id, string model)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        Event(output, "message_start"u8, (id, model), static (w, s) =>
        {
            w.WriteString("type"u8, "message_start");
            w.WriteStartObject("message"u8);
            w.WriteString("id"u8, s.id);
            w.WriteString("type"u8, "message");
            w.WriteString("role"u8, "assistant");
            w.WriteString("model"u8, s.model);
            w.WriteStartArray("content"u8);
            w.WriteEndArray();
            w.WriteNull("stop_reason"u8);
            w.WriteNull("stop_sequence"u8);
            // The real counts come with message_delta, once the provider has told them.
            w.WriteStartObject("usage"u8);
            w.WriteNumber("input_tokens"u8, 0);
            w.WriteNumber("output_tokens"u8, 0);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private void Open(string kind)
    {
        _openBlock = _nextBlock++;
        _openKind = kind;
    }

    private void Delta(IBufferWriter<byte> output, int block, string type, string member, string text) =>
        Event(output, "content_block_delta"u8, (block, type, member, text), static (w, s) =>
        {
            w.WriteString("type"u8, "content_block_delta");
            w.WriteNumber("index"u8, s.Item1);
            w.WriteStartObject("delta"u8);
            w.WriteString("type"u8, s.type);
            w.WriteString(s.member, s.text);
            w.WriteEndObject();
        });

    private void CloseBlock(IBufferWriter<byte> output)
    {
        if (_openBlock < 0)
        {
            return;
        }

        Event(output, "content_block_stop"u8, _openBlock, static (w, index) =>
        {
            w.WriteString("type"u8, "content_block_stop");
            w.WriteNumber("index"u8, index);
        });
        _openBlock = -1;
        _openKind = null;
    }

    private void MessageDelta(IBufferWriter<byte> output, JsonElement usage)
    {
        _messageDeltaSent = true;
        Event(output, "message_delta"u8, (_stopReason ?? "end_turn", usage), static (w, s) =>
        {
            w.WriteString("type"u8, "message_delta");
            w.WriteStartObject("delta"u8);
            w.WriteString("stop_reason"u8, s.Item1);
            w.WriteNull("stop_sequence"u8);
            w.WriteEndObject();
            OpenAiUsageFields.WriteAnthropicUsage(w, s.usage);
        });
    }

    private void Event<TState>(IBufferWriter<byte> output, ReadOnlySpan<byte> name, TState state, Action<Utf8JsonWriter, TState> members)
    {
        output.Write("event: "u8);
        output.Write(name);
        output.Write("\ndata: "u8);
        // One writer for the whole stream, pointed at each event's output in turn, rather than one per delta.
        var writer = _writer ??= new Utf8JsonWriter(output, OpenAiJson.WriterOptions);
        writer.Reset(output);
        writer.WriteStartObject();
        members(writer, state);
        writer.WriteEndObject();
        writer.Flush();
        output.Write("\n\n"u8);
    }
}
