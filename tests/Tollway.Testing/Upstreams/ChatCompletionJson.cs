using System.Text.Json;

namespace Tollway.Testing.Upstreams;

/// <summary>Writes a non-streamed <c>chat.completion</c> object.</summary>
internal static class ChatCompletionJson
{
    public static void Write(Utf8JsonWriter json, FakeCompletion completion)
    {
        json.WriteStartObject();
        json.WriteString("id", completion.Id);
        json.WriteString("object", "chat.completion");
        json.WriteNumber("created", completion.Created);
        json.WriteString("model", completion.Model);
        json.WriteStartArray("choices");
        for (var index = 0; index < completion.Choices; index++)
        {
            WriteChoice(json, completion, index);
        }

        json.WriteEndArray();
        UsageJson.WriteChat(json, completion.Usage);
        json.WriteString("service_tier", "default");
        json.WriteString("system_fingerprint", FakeCompletion.SystemFingerprint);
        json.WriteEndObject();
    }

    private static void WriteChoice(Utf8JsonWriter json, FakeCompletion completion, int index)
    {
        json.WriteStartObject();
        json.WriteNumber("index", index);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        json.WriteString("content", completion.Content);
        json.WriteNull("refusal");
        if (completion.IsToolCall)
        {
            json.WriteStartArray("tool_calls");
            json.WriteStartObject();
            json.WriteString("id", completion.ToolCallIds[index]);
            json.WriteString("type", "function");
            json.WriteStartObject("function");
            json.WriteString("name", completion.ToolName);
            json.WriteString("arguments", completion.ToolArguments);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartArray("annotations");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", completion.FinishReason);
        json.WriteEndObject();
    }
}
