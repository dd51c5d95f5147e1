using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tollway.Gateway.Tests.Upstream.Translation;

/// <summary>Reads what the translators write, for assertions: a translated body, and the SSE events of a stream.</summary>
internal static class TranslationJson
{
    public static ReadOnlyMemory<byte> Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>The JSON of a translated body, cloned so the buffer can go.</summary>
    public static JsonElement Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>One SSE event as an upstream sends it.</summary>
    public static byte[] Event(string data, string? name = null) =>
        Encoding.UTF8.GetBytes((name is null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n");

    /// <summary>The events written to <paramref name="output"/>, each as its name (or null) and its data.</summary>
    public static List<(string? Name, string Data)> Events(ArrayBufferWriter<byte> output)
    {
        var events = new List<(string? Name, string Data)>();
        foreach (var block in Encoding.UTF8.GetString(output.WrittenSpan).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            var data = "";
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
            }

            events.Add((name, data));
        }

        return events;
    }

    /// <summary>The data of each event parsed as JSON; <c>[DONE]</c> is left out.</summary>
    public static List<JsonElement> Chunks(ArrayBufferWriter<byte> output) =>
        [.. Events(output).Where(e => e.Data != "[DONE]").Select(e => JsonDocument.Parse(e.Data).RootElement.Clone())];

    /// <summary>The <c>delta</c> of the first choice of a chunk.</summary>
    public static JsonElement Delta(JsonElement chunk) => chunk.GetProperty("choices")[0].GetProperty("delta");
}
