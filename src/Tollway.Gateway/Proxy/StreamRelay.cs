using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tollway.Gateway.OpenAi;

namespace Tollway.Gateway.Proxy;

/// <summary>
/// Relays an upstream SSE stream to the client event by event, flushing after every read so nothing waits in a
/// buffer. Reads the usage chunk on the way, drops it again when only the gateway asked for it, and ends a stream
/// that breaks (or stops without <c>[DONE]</c>) with an error event rather than a clean-looking end.
/// </summary>
internal static class StreamRelay
{
    private const int ReadSize = 16 * 1024;

    public static async Task<StreamRelayResult> RelayAsync(
        Stream upstream, HttpResponse response, bool forwardUsageChunk, CancellationToken upstreamToken, CancellationToken clientToken)
    {
        var output = response.BodyWriter;
        using var pending = new PooledBuffer(ReadSize);
        TokenUsage? usage = null;
        var sawDone = false;
        long bytesSent = 0;
        Exception? failure = null;
        try
        {
            while (true)
            {
                var read = await upstream.ReadAsync(pending.GetFreeMemory(ReadSize), upstreamToken);
                if (read == 0)
                {
                    break;
                }

                pending.Advance(read);
                var consumed = WriteCompleteEvents(pending.Span, output, forwardUsageChunk, ref usage, ref sawDone, ref bytesSent);
                pending.Consume(consumed);
                var flush = await output.FlushAsync(clientToken);
                if (flush.IsCanceled || flush.IsCompleted)
                {
                    return new StreamRelayResult(usage, bytesSent, ClientGone: true, Failure: null);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
        {
            if (clientToken.IsCancellationRequested)
            {
                return new StreamRelayResult(usage, bytesSent, ClientGone: true, Failure: null);
            }

            failure = ex;
        }

        if (!sawDone)
        {
            // The provider stopped mid-stream (or closed without [DONE]): say so in-band, since the 200 is already sent.
            bytesSent += WriteErrorEvent(output, failure is OperationCanceledException
                ? "The provider's stream exceeded the total timeout."
                : "The provider's stream ended before it was complete.");
            await output.FlushAsync(CancellationToken.None);
        }

        return new StreamRelayResult(usage, bytesSent, ClientGone: false, Failure: sawDone ? null : failure ?? new EndOfStreamException());
    }

    private static int WriteCompleteEvents(
        ReadOnlySpan<byte> buffer, PipeWriter output, bool forwardUsageChunk, ref TokenUsage? usage, ref bool sawDone, ref long bytesSent)
    {
        var consumed = 0;
        while (true)
        {
            var end = SseEventParser.FindEventEnd(buffer[consumed..]);
            if (end < 0)
            {
                return consumed;
            }

            var sseEvent = buffer.Slice(consumed, end);
            consumed += end;
            var kind = SseEventParser.Classify(sseEvent, out var eventUsage);
            usage = eventUsage ?? usage;
            sawDone |= kind == SseEventKind.Done;
            if (kind == SseEventKind.UsageOnly && !forwardUsageChunk)
            {
                continue;
            }

            output.Write(sseEvent);
            bytesSent += sseEvent.Length;
        }
    }

    private static int WriteErrorEvent(PipeWriter output, string message)
    {
        var error = new OpenAiError(502, "server_error", "stream_interrupted", message);
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(buffer, OpenAiJson.WriterOptions))
        {
            OpenAiErrorWriter.WriteBody(writer, error);
        }

        buffer.Write("\n\n"u8);
        output.Write(buffer.WrittenSpan);
        return buffer.WrittenCount;
    }
}
