using System.Text.Json;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// Writes the <c>chat.completion.chunk</c> objects of a stream. Every chunk repeats id, created, model and
/// fingerprint, and carries <c>"usage": null</c> when usage was requested, as OpenAI does.
/// </summary>
internal static class ChatCompletionChunkJson
{
    public static void WriteRole(Utf8JsonWriter json, FakeCompletion completion, int index)
    {
        BeginDelta(json, completion, index);
        json.WriteString("role", "assistant");
        // OpenAI opens a text answer with an empty string and a tool call with null content.
        json.WriteString("content", completion.IsToolCall ? null : string.Empty);
        json.WriteNull("refusal");
        EndDelta(json, completion, finishReason: null);
    }

    public static void WriteContent(Utf8JsonWriter json, FakeCompletion completion, int index, string text)
    {
        BeginDelta(json, completion, index);
        json.WriteString("content", text);
        EndDelta(json, completion, finishReason: null);
    }

    /// <summary>The tool call's opening fragment: id, type and name, with empty arguments.</summary>
    public static void WriteToolCallStart(Utf8JsonWriter json, FakeCompletion completion, int index)
    {
        BeginDelta(json, completion, index);
        json.WriteStartArray("tool_calls");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteString("id", completion.ToolCallIds[index]);
        json.WriteString("type", "function");
        json.WriteStartObject("function");
        json.WriteString("name", completion.ToolName);
        json.WriteString("arguments", string.Empty);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        EndDelta(json, completion, finishReason: null);
    }

    /// <summary>A later tool-call fragment: only the index and a piece of the arguments.</summary>
    public static void WriteToolArguments(Utf8JsonWriter json, FakeCompletion completion, int index, string fragment)
    {
        BeginDelta(json, completion, index);
        json.WriteStartArray("tool_calls");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("function");
        json.WriteString("arguments", fragment);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        EndDelta(json, completion, finishReason: null);
    }

    public static void WriteFinish(Utf8JsonWriter json, FakeCompletion completion, int index)
    {
        BeginDelta(json, completion, index);
        EndDelta(json, completion, completion.FinishReason);
    }

    /// <summary>The usage-only chunk sent after the finish chunks when <c>stream_options.include_usage</c> is set.</summary>
    public static void WriteUsage(Utf8JsonWriter json, FakeCompletion completion)
    {
        WriteHeader(json, completion);
        json.WriteStartArray("choices");
        json.WriteEndArray();
        UsageJson.WriteChat(json, completion.Usage);
        json.WriteEndObject();
    }

    private static void BeginDelta(Utf8JsonWriter json, FakeCompletion completion, int index)
    {
        WriteHeader(json, completion);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", index);
        json.WriteStartObject("delta");
    }

    private static void EndDelta(Utf8JsonWriter json, FakeCompletion completion, string? finishReason)
    {
        json.WriteEndObject();
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", finishReason);
        json.WriteEndObject();
        json.WriteEndArray();
        if (completion.IncludeStreamUsage)
        {
            json.WriteNull("usage");
        }

        json.WriteEndObject();
    }

    private static void WriteHeader(Utf8JsonWriter json, FakeCompletion completion)
    {
        json.WriteStartObject();
        json.WriteString("id", completion.Id);
        json.WriteString("object", "chat.completion.chunk");
        json.WriteNumber("created", completion.Created);
        json.WriteString("model", completion.Model);
        json.WriteString("service_tier", "default");
        json.WriteString("system_fingerprint", FakeCompletion.SystemFingerprint);
    }
}
