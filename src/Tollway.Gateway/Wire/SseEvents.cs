using System.Buffers;

namespace Tollway.Gateway.Wire;

/// <summary>Writing server-sent events in dialects that name their events (<c>event: …</c> before <c>data: …</c>).</summary>
internal static class SseEvents
{
    /// <summary>Appends <c>event: NAME\ndata: JSON\n\n</c>.</summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> name, ReadOnlySpan<byte> json)
    {
        output.Write("event: "u8);
        output.Write(name);
        output.Write("\ndata: "u8);
        output.Write(json);
        output.Write("\n\n"u8);
    }

    /// <summary>Appends the event with its <c>data:</c> line replaced and every other line (its name) kept.</summary>
    public static void WithData(ReadOnlySpan<byte> sseEvent, ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        while (!sseEvent.IsEmpty)
        {
            var newline = sseEvent.IndexOf((byte)'\n');
            var line = newline < 0 ? sseEvent : sseEvent[..(newline + 1)];
            sseEvent = newline < 0 ? [] : sseEvent[(newline + 1)..];
            if (line.StartsWith("data:"u8))
            {
                output.Write("data: "u8);
                output.Write(data);
                output.Write("\n\n"u8);
                return;
            }

            output.Write(line);
        }
    }
}
