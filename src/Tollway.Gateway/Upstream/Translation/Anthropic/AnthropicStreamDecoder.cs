using System.Buffers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>
/// Translates a Messages API stream into OpenAI chunks event by event: <c>message_start</c> → the role chunk;
/// <c>content_block_start</c> of a tool → the tool call's opening fragment; <c>text_delta</c>, <c>thinking_delta</c>
/// and <c>input_json_delta</c> → content, <c>reasoning</c> and argument fragments; <c>message_delta</c> → the finish
/// chunk; <c>message_stop</c> → the usage chunk and <c>[DONE]</c>; <c>error</c> → an error chunk. <c>ping</c>,
/// <c>signature_delta</c> and <c>content_block_stop</c> produce nothing.
/// </summary>
internal sealed class AnthropicStreamDecoder(long created) : IStreamDecoder
{
    private readonly OpenAiChunkWriter _chunks = new(created);
    private readonly AnthropicUsage _usage = new();

    /// <summary>Anthropic block index → OpenAI tool call index.</summary>
    private readonly Dictionary<int, int> _toolCalls = [];

    public void Decode(ReadOnlySpan<byte> sseEvent, IBufferWriter<byte> output)
    {
        var data = SseEventParser.DataOf(sseEvent);
        if (data.IsEmpty || AnthropicEventReader.Read(data) is not { } read)
        {
            return;
        }

        _usage.MergeFrom(read.Usage);
        switch (read.Type)
        {
            case "message_start":
                _chunks.Id = read.MessageId ?? _chunks.Id;
                _chunks.Model = read.Model ?? _chunks.Model;
                _chunks.Role(output);
                break;
            case "content_block_start":
                StartBlock(read, output);
                break;
            case "content_block_delta":
                Delta(read, output);
                break;
            case "message_delta" when read.StopReason is not null:
                _chunks.Finish(output, AnthropicStopReasons.ToFinishReason(read.StopReason));
                break;
            case "message_stop":
                _chunks.Usage(output, _usage.ToTokenUsage());
                OpenAiChunkWriter.Done(output);
                break;
            case "error":
                _chunks.Error(output, read.ErrorType ?? "api_error", read.ErrorMessage ?? "The provider reported an error.");
                break;
            default:
                // ping, content_block_stop and event types added later carry nothing a chat completion has.
                break;
        }
    }

    /// <summary>Nothing is owed: a stream without <c>message_stop</c> is incomplete, and the relay says so.</summary>
    public void Complete(IBufferWriter<byte> output)
    {
    }

    private void StartBlock(AnthropicEvent read, IBufferWriter<byte> output)
    {
        if (read.BlockType == "tool_use")
        {
            var toolIndex = _toolCalls.Count;
            _toolCalls[read.Index] = toolIndex;
            _chunks.ToolCallStart(output, new ToolCallOpening(toolIndex, read.BlockId ?? "", read.BlockName ?? "", ""));
        }
        else if (read.BlockType == "text" && read.BlockText is { Length: > 0 } text)
        {
            _chunks.Content(output, text);
        }
    }

    private void Delta(AnthropicEvent read, IBufferWriter<byte> output)
    {
        if (read.DeltaText is not { Length: > 0 } text)
        {
            return;
        }

        switch (read.DeltaType)
        {
            case "text_delta":
                _chunks.Content(output, text);
                break;
            case "thinking_delta":
                _chunks.Reasoning(output, text);
                break;
            case "input_json_delta" when _toolCalls.TryGetValue(read.Index, out var toolIndex):
                _chunks.ToolArguments(output, toolIndex, text);
                break;
            default:
                // signature_delta: the signature only means something to Anthropic, which never sees it again here.
                break;
        }
    }
}
