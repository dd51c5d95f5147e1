using System.Text.Json;

namespace Tollway.Gateway.Wire;

/// <summary>
/// Splits server-sent events out of a byte stream and classifies OpenAI-style chunks. Only what accounting needs is
/// read (usage, whether choices are empty, errors); the event's bytes are forwarded as they came.
/// </summary>
internal static class SseEventParser
{
    /// <summary>Finds the end of the first complete event (after its blank line), or -1.</summary>
    public static int FindEventEnd(ReadOnlySpan<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            if (buffer[i] != (byte)'\n')
            {
                continue;
            }

            if (i + 1 < buffer.Length && buffer[i + 1] == (byte)'\n')
            {
                return i + 2;
            }

            if (i + 2 < buffer.Length && buffer[i + 1] == (byte)'\r' && buffer[i + 2] == (byte)'\n')
            {
                return i + 3;
            }
        }

        return -1;
    }

    /// <summary>Classifies one complete event and reads its usage, if any.</summary>
    public static SseEventKind Classify(ReadOnlySpan<byte> sseEvent, out TokenUsage? usage)
    {
        usage = null;
        var data = DataOf(sseEvent);
        if (data.IsEmpty)
        {
            return SseEventKind.Chunk;
        }

        if (data.SequenceEqual("[DONE]"u8))
        {
            return SseEventKind.Done;
        }

        // Most chunks carry neither usage nor an error: a byte search skips parsing them at all.
        var mentionsUsage = data.IndexOf("\"usage\""u8) >= 0;
        var mentionsError = data.IndexOf("\"error\""u8) >= 0;
        if (!mentionsUsage && !mentionsError)
        {
            return SseEventKind.Chunk;
        }

        return ClassifyJson(data, out usage);
    }

    private static SseEventKind ClassifyJson(ReadOnlySpan<byte> data, out TokenUsage? usage)
    {
        usage = null;
        var choicesEmpty = false;
        var isError = false;
        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return SseEventKind.Chunk;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    isError = reader.TokenType == JsonTokenType.StartObject;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("choices"u8))
                {
                    reader.Read();
                    choicesEmpty = reader.TokenType == JsonTokenType.StartArray && IsEmptyArray(ref reader);
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return SseEventKind.Chunk;
        }

        if (isError)
        {
            return SseEventKind.Error;
        }

        if (UsageReader.TryRead(data, out var read))
        {
            usage = read;
        }

        return usage is not null && choicesEmpty ? SseEventKind.UsageOnly : SseEventKind.Chunk;
    }

    private static bool IsEmptyArray(ref Utf8JsonReader reader)
    {
        var copy = reader;
        return copy.Read() && copy.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>The payload of the event's <c>data:</c> line (OpenAI-style streams send one per event).</summary>
    public static ReadOnlySpan<byte> DataOf(ReadOnlySpan<byte> sseEvent)
    {
        while (!sseEvent.IsEmpty)
        {
            var newline = sseEvent.IndexOf((byte)'\n');
            var line = newline < 0 ? sseEvent : sseEvent[..newline];
            sseEvent = newline < 0 ? [] : sseEvent[(newline + 1)..];
            line = line.TrimEnd((byte)'\r');
            if (line.StartsWith("data:"u8))
            {
                var value = line[5..];
                return !value.IsEmpty && value[0] == (byte)' ' ? value[1..] : value;
            }
        }

        return [];
    }
}
