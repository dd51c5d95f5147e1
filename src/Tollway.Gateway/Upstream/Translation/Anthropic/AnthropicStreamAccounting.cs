using System.Buffers;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>
/// Accounts for a Messages API stream passed through untouched to an Anthropic client: the usage of
/// <c>message_start</c> and <c>message_delta</c> is combined, <c>message_delta</c> is held back until the request is
/// settled and then sent with the cost in its usage, <c>message_stop</c> ends the stream, <c>error</c> is the
/// provider's own error event.
/// </summary>
internal sealed class AnthropicStreamAccounting : IStreamAccounting
{
    private readonly AnthropicUsage _usage = new();

    public SseEventKind Classify(ReadOnlySpan<byte> sseEvent, out TokenUsage? usage)
    {
        usage = null;
        var data = SseEventParser.DataOf(sseEvent);
        // Deltas are most of a stream and need nothing: a byte search spares parsing them.
        if (data.IsEmpty || data.IndexOf("\"content_block_delta\""u8) >= 0 && data.IndexOf("\"usage\""u8) < 0
            || AnthropicEventReader.Read(data) is not { } read)
        {
            return SseEventKind.Chunk;
        }

        _usage.MergeFrom(read.Usage);
        switch (read.Type)
        {
            case "message_delta":
                usage = _usage.ToTokenUsage();
                return SseEventKind.Chunk;
            case "message_stop":
                return SseEventKind.Done;
            case "error":
                return SseEventKind.Error;
            default:
                return SseEventKind.Chunk;
        }
    }

    public void WriteUsageEvent(ReadOnlySpan<byte> usageEvent, UsageCost? cost, IBufferWriter<byte> output)
    {
        var costed = cost is { } known ? UsageCostWriter.Inject(SseEventParser.DataOf(usageEvent), known) : null;
        if (costed is null)
        {
            output.Write(usageEvent);
            return;
        }

        SseEvents.WithData(usageEvent, costed, output);
    }

    public void WriteError(string message, IBufferWriter<byte> output) => AnthropicErrorWriter.WriteEvent(output, "api_error", message);
}
