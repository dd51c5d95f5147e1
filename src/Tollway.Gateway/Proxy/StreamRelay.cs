using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tollway.Gateway.Billing;
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

    /// <summary>The longest event accepted; a provider that never ends an event cannot grow the buffer without bound.</summary>
    private const int MaxEventBytes = 4 * 1024 * 1024;

    public static async Task<StreamRelayResult> RelayAsync(
        Stream upstream,
        HttpResponse response,
        bool forwardUsageChunk,
        CancellationToken upstreamToken,
        CancellationToken clientToken,
        IResponseBilling? billing = null)
    {
        var output = response.BodyWriter;
        using var pending = new PooledBuffer(ReadSize);
        var progress = new StreamProgress();
        string? failure = null;
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
                pending.Consume(WriteCompleteEvents(pending.Span, output, progress, billing is not null));
                var flush = await output.FlushAsync(clientToken);
                if (flush.IsCanceled || flush.IsCompleted)
                {
                    return await ClientGoneAsync(progress, billing);
                }

                if (pending.Length > MaxEventBytes)
                {
                    failure = $"An event from the provider exceeded {MaxEventBytes} bytes.";
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
        {
            if (clientToken.IsCancellationRequested)
            {
                return await ClientGoneAsync(progress, billing);
            }

            failure = ex is OperationCanceledException
                ? "The provider's stream exceeded the total timeout."
                : "The provider's stream broke off before it was complete.";
        }

        // Whatever the provider produced is billed — its usage if it came, else what passed, counted by the gateway —
        // and the cost rides on the usage chunk, written only now, with [DONE] after it.
        var charge = billing is null ? null : await billing.SettleAsync(progress.Usage, progress.Generated, streamed: true);
        WriteUsageEvent(output, progress, forwardUsageChunk, charge);
        if (progress.DoneEvent is { } done)
        {
            output.Write(done);
            progress.BytesSent += done.Length;
            await output.FlushAsync(CancellationToken.None);
            return new StreamRelayResult(progress.Usage, progress.BytesSent, ClientGone: false, Failure: null);
        }

        failure ??= progress.SawProviderError ? "The provider ended the stream with an error." : "The provider's stream ended before it was complete.";
        if (!progress.SawProviderError)
        {
            // The 200 is already sent: say in-band that the answer is incomplete (once; a provider's own error event
            // has already said so).
            progress.BytesSent += WriteErrorEvent(output, failure);
        }

        await output.FlushAsync(CancellationToken.None);
        return new StreamRelayResult(progress.Usage, progress.BytesSent, ClientGone: false, Failure: failure);
    }

    private static async Task<StreamRelayResult> ClientGoneAsync(StreamProgress progress, IResponseBilling? billing)
    {
        if (billing is not null)
        {
            await billing.SettleAsync(progress.Usage, progress.Generated, streamed: true);
        }

        return new StreamRelayResult(progress.Usage, progress.BytesSent, ClientGone: true, Failure: null);
    }

    private static int WriteCompleteEvents(ReadOnlySpan<byte> buffer, PipeWriter output, StreamProgress progress, bool collectText)
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
            progress.SawProviderError |= kind == SseEventKind.Error;
            if (kind == SseEventKind.Done)
            {
                progress.DoneEvent = sseEvent.ToArray();
                continue;
            }

            if (eventUsage is { } usage)
            {
                progress.Usage = usage;
                progress.UsageEvent = sseEvent.ToArray();
                progress.UsageEventHasContent = kind != SseEventKind.UsageOnly;
                continue;
            }

            if (collectText && kind == SseEventKind.Chunk)
            {
                progress.Generated.Add(SseEventParser.DataOf(sseEvent));
            }

            output.Write(sseEvent);
            progress.BytesSent += sseEvent.Length;
        }
    }

    /// <summary>Writes the held-back usage event (with the cost in it) when the client asked for usage or it carries content.</summary>
    private static void WriteUsageEvent(PipeWriter output, StreamProgress progress, bool forwardUsageChunk, Ledger.ChargeRecord? charge)
    {
        if (progress.UsageEvent is not { } usageEvent || !(forwardUsageChunk || progress.UsageEventHasContent))
        {
            return;
        }

        var data = SseEventParser.DataOf(usageEvent);
        var withCost = charge is null ? null : UsageCostWriter.Inject(data, charge);
        if (withCost is null)
        {
            output.Write(usageEvent);
            progress.BytesSent += usageEvent.Length;
            return;
        }

        output.Write("data: "u8);
        output.Write(withCost);
        output.Write("\n\n"u8);
        progress.BytesSent += withCost.Length + 8;
    }

    private static int WriteErrorEvent(PipeWriter output, string message)
    {
        var error = new OpenAiError(502, "server_error", "stream_interrupted", message);
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(buffer, OpenAiJson.WriterOptions))
        {
            // A chunk that says the choice ended in error (as OpenRouter sends one), carrying the error itself: a client
            // reading choices and a client looking for "error" both see that the answer is incomplete.
            writer.WriteStartObject();
            writer.WriteString("object"u8, "chat.completion.chunk");
            writer.WriteStartArray("choices"u8);
            writer.WriteStartObject();
            writer.WriteNumber("index"u8, 0);
            writer.WriteStartObject("delta"u8);
            writer.WriteEndObject();
            writer.WriteString("finish_reason"u8, "error");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WritePropertyName("error"u8);
            OpenAiErrorWriter.WriteErrorObject(writer, error);
            writer.WriteEndObject();
        }

        buffer.Write("\n\n"u8);
        output.Write(buffer.WrittenSpan);
        return buffer.WrittenCount;
    }
}
