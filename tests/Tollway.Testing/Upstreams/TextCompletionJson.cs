using System.Text.Json;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// Writes legacy <c>text_completion</c> objects. A stream uses the same object type for its chunks, each
/// with one choice carrying a piece of <c>text</c>.
/// </summary>
internal static class TextCompletionJson
{
    public static void Write(Utf8JsonWriter json, FakeCompletion completion)
    {
        WriteHeader(json, completion);
        json.WriteStartArray("choices");
        for (var index = 0; index < completion.Choices; index++)
        {
            WriteChoice(json, index, completion.Content ?? string.Empty, completion.FinishReason);
        }

        json.WriteEndArray();
        UsageJson.WriteText(json, completion.Usage);
        json.WriteEndObject();
    }

    public static void WriteChunk(Utf8JsonWriter json, FakeCompletion completion, int index, string text, string? finishReason)
    {
        WriteHeader(json, completion);
        json.WriteStartArray("choices");
        WriteChoice(json, index, text, finishReason);
        json.WriteEndArray();
        if (completion.IncludeStreamUsage)
        {
            json.WriteNull("usage");
        }

        json.WriteEndObject();
    }

    public static void WriteUsageChunk(Utf8JsonWriter json, FakeCompletion completion)
    {
        WriteHeader(json, completion);
        json.WriteStartArray("choices");
        json.WriteEndArray();
        UsageJson.WriteText(json, completion.Usage);
        json.WriteEndObject();
    }

    private static void WriteHeader(Utf8JsonWriter json, FakeCompletion completion)
    {
        json.WriteStartObject();
        json.WriteString("id", completion.Id);
        json.WriteString("object", "text_completion");
        json.WriteNumber("created", completion.Created);
        json.WriteString("model", completion.Model);
        json.WriteString("system_fingerprint", FakeCompletion.SystemFingerprint);
    }

    private static void WriteChoice(Utf8JsonWriter json, int index, string text, string? finishReason)
    {
        json.WriteStartObject();
        json.WriteString("text", text);
        json.WriteNumber("index", index);
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", finishReason);
        json.WriteEndObject();
    }
}
