using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>
/// Writes an OpenAI <c>chat.completion</c> as a Messages API response for an Anthropic client: reasoning as a
/// <c>thinking</c> block, the content as a <c>text</c> block, tool calls as <c>tool_use</c> blocks (arguments parsed
/// into <c>input</c>), <c>finish_reason</c> as <c>stop_reason</c>, and the usage split as Anthropic counts it.
/// </summary>
internal static class AnthropicResponseEncoder
{
    public static byte[] Encode(ReadOnlyMemory<byte> openAiJson)
    {
        using var document = JsonDocument.Parse(openAiJson);
        return JsonBlocks.Serialize(document.RootElement, static (w, root) =>
        {
            var choice = JsonBlocks.TryGet(root, "choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                ? choices[0]
                : default;
            JsonBlocks.TryGet(choice, "message", out var message);
            w.WriteStartObject();
            w.WriteString("id"u8, JsonBlocks.String(root, "id") ?? "");
            w.WriteString("type"u8, "message");
            w.WriteString("role"u8, "assistant");
            w.WriteString("model"u8, JsonBlocks.String(root, "model") ?? "");
            w.WriteStartArray("content"u8);
            WriteContent(w, message);
            w.WriteEndArray();
            w.WriteString("stop_reason"u8, AnthropicStopReasons.FromFinishReason(JsonBlocks.String(choice, "finish_reason")));
            w.WriteNull("stop_sequence"u8);
            JsonBlocks.TryGet(root, "usage", out var usage);
            OpenAiUsageFields.WriteAnthropicUsage(w, usage);
            w.WriteEndObject();
        });
    }

    private static void WriteContent(Utf8JsonWriter w, JsonElement message)
    {
        if ((JsonBlocks.String(message, "reasoning") ?? JsonBlocks.String(message, "reasoning_content")) is { Length: > 0 } thinking)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "thinking");
            w.WriteString("thinking"u8, thinking);
            w.WriteString("signature"u8, "");
            w.WriteEndObject();
        }

        var text = JsonBlocks.TryGet(message, "content", out var content) ? JsonBlocks.Text(content) : "";
        if (text.Length > 0)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "text");
            w.WriteString("text"u8, text);
            w.WriteEndObject();
        }

        if (!JsonBlocks.TryGet(message, "tool_calls", out var calls) || calls.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var call in calls.EnumerateArray())
        {
            JsonBlocks.TryGet(call, "function", out var function);
            w.WriteStartObject();
            w.WriteString("type"u8, "tool_use");
            w.WriteString("id"u8, JsonBlocks.String(call, "id") ?? "");
            w.WriteString("name"u8, JsonBlocks.String(function, "name") ?? "");
            w.WritePropertyName("input"u8);
            w.WriteRawValue(ToolArguments.TryParse(JsonBlocks.String(function, "arguments"), out var input) ? input : "{}"u8.ToArray(), skipInputValidation: true);
            w.WriteEndObject();
        }
    }
}
