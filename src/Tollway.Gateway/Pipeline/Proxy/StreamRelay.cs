using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Upstream.Translation;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// Relays an upstream SSE stream to the client event by event, flushing after every read so nothing waits in a
/// buffer. Reads the usage chunk on the way, drops it again when only the gateway asked for it, and ends a stream
/// that breaks (or stops without <c>[DONE]</c>) with an error event rather than a clean-looking end. With a
/// <see cref="StreamTranslation"/> the same happens to a translated stream: each upstream event is decoded into OpenAI
/// chunks as it arrives, and each chunk encoded for the client as it leaves. A client that leaves does not end the
/// reading: the provider's stream is read to its end (or the total timeout) and discarded, and the request is billed
/// on the usage it reports, as the provider bills the operator.
/// </summary>
internal static class StreamRelay
{
    private const int ReadSize = 16 * 1024;

    /// <summary>The longest event accepted; a provider that never ends an event cannot grow the buffer without bound.</summary>
    private const int MaxEventBytes = 4 * 1024 * 1024;

    public static async Task<StreamRelayResult> RelayAsync(Stream upstream, HttpResponse response, StreamRelaySettings settings)
    {
        var progress = new StreamProgress();
        var output = await PumpAsync(upstream, response.BodyWriter, settings, progress);
        if (progress.SentBeforeLeaving is not null || settings.ClientToken.IsCancellationRequested)
        {
            return await ClientGoneAsync(progress, settings.Billing, progress.SentBeforeLeaving ?? progress.BytesSent);
        }

        return await FinishAsync(output, response.BodyWriter, settings, progress);
    }

    /// <summary>Reads the provider's stream to its end, relaying each complete event as it comes; what it ended with is
    /// left in <paramref name="progress"/>. Returns where the rest goes: the client, or nowhere once it has left.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<IBufferWriter<byte>> PumpAsync(Stream upstream, PipeWriter client, StreamRelaySettings settings, StreamProgress progress)
    {
        IBufferWriter<byte> output = client;
        var (translation, collectText) = (settings.Translation, settings.Billing is not null);
        using var pending = new PooledBuffer(ReadSize);
        try
        {
            // Once the client is gone, nothing after [DONE] matters; until then the stream is read to its end.
            while (!(progress.SentBeforeLeaving is not null && progress.SawDone))
            {
                var read = await upstream.ReadAsync(pending.GetFreeMemory(ReadSize), settings.UpstreamToken);
                if (read == 0)
                {
                    if (translation?.Decoder is { } decoder)
                    {
                        translation.Decoded.ResetWrittenCount();
                        decoder.Complete(translation.Decoded);
                        WriteCompleteEvents(translation.Decoded.WrittenSpan, output, progress, collectText, translation);
                    }

                    break;
                }

                pending.Advance(read);
                pending.Consume(translation?.Decoder is null
                    ? WriteCompleteEvents(pending.Span, output, progress, collectText, translation)
                    : DecodeCompleteEvents(pending.Span, output, progress, collectText, translation));
                if (progress.SentBeforeLeaving is null && !await TryFlushAsync(client, settings.ClientToken))
                {
                    // The client left, but the provider goes on generating and bills the operator for all of it, hidden
                    // reasoning included: its stream is read on (within the total timeout) and dropped, for its usage.
                    progress.SentBeforeLeaving = progress.BytesSent;
                    output = new DiscardingBufferWriter();
                }

                if (pending.Length > MaxEventBytes)
                {
                    progress.Failure = $"An event from the provider exceeded {MaxEventBytes} bytes.";
                    progress.Abandoned = true;
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
        {
            progress.Abandoned = ex is OperationCanceledException;
            progress.Failure = progress.Abandoned
                ? "The provider's stream exceeded the total timeout."
                : "The provider's stream broke off before it was complete.";
        }

        return output;
    }

    /// <summary>Ends a stream the client is still reading: whatever the provider produced is billed — its usage if it came,
    /// else what passed, counted by the gateway — and the cost rides on the usage chunk, written only now, with
    /// <c>[DONE]</c> after it, or an error event when the stream did not complete.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<StreamRelayResult> FinishAsync(
        IBufferWriter<byte> output, PipeWriter client, StreamRelaySettings settings, StreamProgress progress)
    {
        var translation = settings.Translation;
        var charge = settings.Billing is null
            ? null
            : await settings.Billing.SettleAsync(progress.Usage, progress.Generated, streamed: true, progress.Abandoned);
        WriteUsageEvent(output, progress, settings.ForwardUsageChunk, charge, translation);
        if (progress.DoneEvent is { } done)
        {
            progress.BytesSent += Emit(output, done, translation);
            await client.FlushAsync(CancellationToken.None);
            return new StreamRelayResult(progress.Usage, progress.BytesSent, ClientGone: false, Failure: null);
        }

        var failure = progress.Failure
            ?? (progress.SawProviderError ? "The provider ended the stream with an error." : "The provider's stream ended before it was complete.");
        if (!progress.SawProviderError)
        {
            // The 200 is already sent: say in-band that the answer is incomplete (once; a provider's own error event
            // has already said so).
            progress.BytesSent += WriteErrorEvent(output, failure, translation);
        }

        await client.FlushAsync(CancellationToken.None);
        return new StreamRelayResult(progress.Usage, progress.BytesSent, ClientGone: false, Failure: failure);
    }

    /// <summary>Sends what was written; <see langword="false"/> when the client is gone.</summary>
    private static async ValueTask<bool> TryFlushAsync(PipeWriter client, CancellationToken clientToken)
    {
        try
        {
            var flush = await client.FlushAsync(clientToken);
            return !(flush.IsCanceled || flush.IsCompleted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            return false;
        }
    }

    /// <summary>Settles a stream whose client left, on the usage if the provider sent it before its stream ended.</summary>
    private static async Task<StreamRelayResult> ClientGoneAsync(StreamProgress progress, IResponseBilling? billing, long bytesSent)
    {
        if (billing is not null)
        {
            await billing.SettleAsync(progress.Usage, progress.Generated, streamed: true, abandoned: true);
        }

        return new StreamRelayResult(progress.Usage, bytesSent, ClientGone: true, Failure: null);
    }

    private static int WriteCompleteEvents(
        ReadOnlySpan<byte> buffer, IBufferWriter<byte> output, StreamProgress progress, bool collectText, StreamTranslation? translation)
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
            var kind = translation?.Accounting is { } accounting
                ? accounting.Classify(sseEvent, out var eventUsage)
                : SseEventParser.Classify(sseEvent, out eventUsage);
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

            progress.BytesSent += Emit(output, sseEvent, translation);
        }
    }

    /// <summary>Decodes each complete upstream event into OpenAI events and relays those as if the upstream had sent them.</summary>
    private static int DecodeCompleteEvents(
        ReadOnlySpan<byte> buffer, IBufferWriter<byte> output, StreamProgress progress, bool collectText, StreamTranslation translation)
    {
        var consumed = 0;
        while (true)
        {
            var end = SseEventParser.FindEventEnd(buffer[consumed..]);
            if (end < 0)
            {
                return consumed;
            }

            translation.Decoded.ResetWrittenCount();
            translation.Decoder!.Decode(buffer.Slice(consumed, end), translation.Decoded);
            consumed += end;
            WriteCompleteEvents(translation.Decoded.WrittenSpan, output, progress, collectText, translation);
        }
    }

    /// <summary>Writes one event to the client, encoded for it when it speaks another dialect; returns the bytes written.</summary>
    private static int Emit(IBufferWriter<byte> output, ReadOnlySpan<byte> sseEvent, StreamTranslation? translation)
    {
        if (translation?.Encoder is not { } encoder)
        {
            output.Write(sseEvent);
            return sseEvent.Length;
        }

        translation.Encoded.ResetWrittenCount();
        encoder.Encode(sseEvent, translation.Encoded);
        output.Write(translation.Encoded.WrittenSpan);
        return translation.Encoded.WrittenCount;
    }

    /// <summary>Writes the held-back usage event (with the cost in it) when the client asked for usage or it carries content.</summary>
    private static void WriteUsageEvent(
        IBufferWriter<byte> output, StreamProgress progress, bool forwardUsageChunk, Money.Ledger.ChargeRecord? charge, StreamTranslation? translation)
    {
        if (progress.UsageEvent is not { } usageEvent || !(forwardUsageChunk || progress.UsageEventHasContent))
        {
            return;
        }

        if (translation?.Accounting is { } accounting)
        {
            var withCost = new ArrayBufferWriter<byte>(usageEvent.Length + 128);
            accounting.WriteUsageEvent(usageEvent, charge is null ? null : ChargeCost.Of(charge), withCost);
            output.Write(withCost.WrittenSpan);
            progress.BytesSent += withCost.WrittenCount;
            return;
        }

        var data = SseEventParser.DataOf(usageEvent);
        var costed = charge is null ? null : UsageCostWriter.Inject(data, ChargeCost.Of(charge));
        if (costed is null)
        {
            progress.BytesSent += Emit(output, usageEvent, translation);
            return;
        }

        if (translation?.Encoder is not null)
        {
            progress.BytesSent += Emit(output, [.. "data: "u8, .. costed, .. "\n\n"u8], translation);
            return;
        }

        output.Write("data: "u8);
        output.Write(costed);
        output.Write("\n\n"u8);
        progress.BytesSent += costed.Length + 8;
    }

    private static int WriteErrorEvent(IBufferWriter<byte> output, string message, StreamTranslation? translation)
    {
        if (translation?.Encoder is not null || translation?.Accounting is not null)
        {
            var translated = new ArrayBufferWriter<byte>(256);
            if (translation.Accounting is { } accounting)
            {
                accounting.WriteError(message, translated);
            }
            else
            {
                translation.Encoder!.EncodeError(message, translated);
            }

            output.Write(translated.WrittenSpan);
            return translated.WrittenCount;
        }

        var error = new GatewayError(502, "server_error", "stream_interrupted", message);
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(buffer, OpenAiJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("object"u8, "chat.completion.chunk");
            OpenAiChunkWriter.WriteErrorMembers(writer, error);
            writer.WriteEndObject();
        }

        buffer.Write("\n\n"u8);
        output.Write(buffer.WrittenSpan);
        return buffer.WrittenCount;
    }
}
