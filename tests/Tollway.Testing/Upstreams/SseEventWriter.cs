using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// Sends <c>data: {json}\n\n</c> events one by one, flushing each, and applies the stream faults: the
/// interval between events, the hold after the first, the malformed second event and the cut after N.
/// </summary>
internal sealed class SseEventWriter(HttpContext context, UpstreamFault? fault, CancellationToken cancellationToken) : IDisposable
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    private readonly FakeJsonBuffer _buffer = new();
    private int _eventsSent;

    private PipeWriter Output => context.Response.BodyWriter;

    /// <summary>Sends the status and headers.</summary>
    public async Task StartAsync()
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync(cancellationToken);
        await Output.FlushAsync(cancellationToken);
        ThrowIfCut();
    }

    /// <summary>Starts the JSON of the next event.</summary>
    public Utf8JsonWriter BeginEvent() => _buffer.Begin();

    /// <summary>Sends the event begun with <see cref="BeginEvent"/>, named (<c>event: NAME</c>, as Anthropic names its
    /// events) when <paramref name="name"/> is given, and ended with CRLFs when <paramref name="crlf"/> is (as Gemini's are).</summary>
    public async Task EndEventAsync(string? name = null, bool crlf = false)
    {
        var payload = _buffer.End();
        await DelayBetweenEventsAsync();
        if (fault?.MalformedJson == true && _eventsSent == 1)
        {
            // Half a JSON object is what a proxy that drops bytes mid-event would deliver.
            payload = payload[..(payload.Length / 2)];
        }

        if (name is not null)
        {
            Output.Write(System.Text.Encoding.UTF8.GetBytes("event: " + name + "\n"));
        }

        Output.Write(DataPrefix);
        Output.Write(payload.Span);
        Output.Write(crlf ? "\r\n\r\n"u8 : EventEnd);
        await Output.FlushAsync(cancellationToken);
        _eventsSent++;

        if (_eventsSent == 1 && fault?.HoldStreamAfterFirstChunk is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        ThrowIfCut();
    }

    /// <summary>Sends the <c>[DONE]</c> sentinel that ends an OpenAI stream.</summary>
    public async Task CompleteAsync()
    {
        await DelayBetweenEventsAsync();
        Output.Write(Done);
        await Output.FlushAsync(cancellationToken);
    }

    public void Dispose() => _buffer.Dispose();

    private async Task DelayBetweenEventsAsync()
    {
        if (_eventsSent > 0 && fault?.ChunkInterval is { } interval && interval > TimeSpan.Zero)
        {
            await Task.Delay(interval, cancellationToken);
        }
    }

    private void ThrowIfCut()
    {
        if (fault?.CutStreamAfterChunks is not { } limit || _eventsSent < limit)
        {
            return;
        }

        // Not HttpContext.Abort(): that drops output Kestrel has accepted but not yet sent, so the client could
        // miss the very events it was promised. An exception after the response started makes Kestrel close the
        // connection after draining what was flushed, without the terminating chunk: an HTTP/1.1 client reads
        // the N events and then a premature end of the response (HTTP/2 gets a stream reset).
        throw new FakeStreamCutException(limit);
    }
}
