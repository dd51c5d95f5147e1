using System.Buffers;
using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation;

/// <summary>Small helpers for writing translated JSON with <see cref="Utf8JsonWriter"/>.</summary>
internal static class JsonBlocks
{
    /// <summary>Writes one JSON value into its own byte array (a content block kept until its message is known).</summary>
    public static byte[] Serialize<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, OpenAiJson.WriterOptions))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a whole body into a pooled buffer.</summary>
    public static PooledBuffer Body<TState>(int sizeHint, TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(sizeHint, 256));
        using (var writer = new Utf8JsonWriter(buffer, OpenAiJson.WriterOptions))
        {
            write(writer, state);
        }

        var body = new PooledBuffer(buffer.WrittenCount);
        body.Write(buffer.WrittenSpan);
        return body;
    }

    /// <summary>A string member, or <see langword="null"/>.</summary>
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A member of any kind, when present and not null.</summary>
    public static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A positive integer member, or <see langword="null"/>.</summary>
    public static int? PositiveInt(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number > 0
            ? number
            : null;

    /// <summary>Copies a number or string member under another name (<c>top_p</c> → <c>topP</c>) when present.</summary>
    public static void CopyScalar(JsonElement from, string name, Utf8JsonWriter to, string asName)
    {
        if (TryGet(from, name, out var value) && value.ValueKind is JsonValueKind.Number or JsonValueKind.String or JsonValueKind.True or JsonValueKind.False)
        {
            to.WritePropertyName(asName);
            value.WriteTo(to);
        }
    }

    /// <summary>The text of OpenAI message content: a string, or the <c>text</c> parts of an array joined.</summary>
    public static string Text(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? "";
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var parts = new List<string>();
        foreach (var part in content.EnumerateArray())
        {
            if (String(part, "text") is { } text)
            {
                parts.Add(text);
            }
        }

        return string.Join("\n", parts);
    }

    /// <summary>The <c>stop</c> member as a list (a string or an array of strings).</summary>
    public static List<string> StopSequences(JsonElement root)
    {
        var stops = new List<string>();
        if (!TryGet(root, "stop", out var stop))
        {
            return stops;
        }

        if (stop.ValueKind == JsonValueKind.String)
        {
            stops.Add(stop.GetString()!);
        }
        else if (stop.ValueKind == JsonValueKind.Array)
        {
            stops.AddRange(stop.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!));
        }

        return stops;
    }
}
