using System.Text;
using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>
/// Translates a Messages API response into an OpenAI <c>chat.completion</c>: text blocks joined into the message
/// content, <c>thinking</c> blocks into <c>reasoning</c>, <c>tool_use</c> blocks into <c>tool_calls</c> (the input
/// object as the arguments string), <c>stop_reason</c> into <c>finish_reason</c>, and the usage with cache writes and
/// reads inside <c>prompt_tokens</c>.
/// </summary>
internal static class AnthropicResponseDecoder
{
    public static byte[] Decode(ReadOnlyMemory<byte> json, long created)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var text = new StringBuilder();
        var reasoning = new StringBuilder();
        var toolCalls = new List<JsonElement>();
        if (JsonBlocks.TryGet(root, "content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            ReadContent(content, text, reasoning, toolCalls);
        }

        JsonBlocks.TryGet(root, "usage", out var usage);
        var state = (root, text.ToString(), reasoning.ToString(), toolCalls, AnthropicUsage.From(usage).ToTokenUsage(), created);
        return JsonBlocks.Serialize(state, static (w, s) => WriteCompletion(w, s));
    }

    /// <summary>Sorts the content blocks: text and thinking appended to their builders, tool uses collected; the rest
    /// has no chat completion form.</summary>
    private static void ReadContent(JsonElement content, StringBuilder text, StringBuilder reasoning, List<JsonElement> toolCalls)
    {
        foreach (var block in content.EnumerateArray())
        {
            switch (JsonBlocks.String(block, "type"))
            {
                case "text":
                    text.Append(JsonBlocks.String(block, "text"));
                    break;
                case "thinking":
                    reasoning.Append(JsonBlocks.String(block, "thinking"));
                    break;
                case "tool_use":
                    toolCalls.Add(block);
                    break;
                default:
                    break;
            }
        }
    }

    private static void WriteCompletion(
        Utf8JsonWriter w, (JsonElement Root, string Text, string Reasoning, List<JsonElement> ToolCalls, TokenUsage Usage, long Created) s)
    {
        var (root, text, reasoning, toolCalls, usage, created) = s;
        w.WriteStartObject();
        w.WriteString("id"u8, JsonBlocks.String(root, "id") ?? "");
        w.WriteString("object"u8, "chat.completion");
        w.WriteNumber("created"u8, created);
        w.WriteString("model"u8, JsonBlocks.String(root, "model") ?? "");
        w.WriteStartArray("choices"u8);
        w.WriteStartObject();
        w.WriteNumber("index"u8, 0);
        WriteMessage(w, text, reasoning, toolCalls);
        w.WriteString("finish_reason"u8, AnthropicStopReasons.ToFinishReason(JsonBlocks.String(root, "stop_reason")));
        w.WriteNull("logprobs"u8);
        w.WriteEndObject();
        w.WriteEndArray();
        OpenAiUsageJson.Write(w, usage);
        w.WriteEndObject();
    }

    /// <summary>The choice's assistant message: <c>content</c> null only when the reply is tool calls alone.</summary>
    private static void WriteMessage(Utf8JsonWriter w, string text, string reasoning, List<JsonElement> toolCalls)
    {
        w.WriteStartObject("message"u8);
        w.WriteString("role"u8, "assistant");
        if (text.Length > 0 || toolCalls.Count == 0)
        {
            w.WriteString("content"u8, text);
        }
        else
        {
            w.WriteNull("content"u8);
        }

        if (reasoning.Length > 0)
        {
            w.WriteString("reasoning"u8, reasoning);
        }

        WriteToolCalls(w, toolCalls);
        w.WriteEndObject();
    }

    /// <summary>Anthropic <c>tool_use</c> blocks as OpenAI <c>tool_calls</c> (nothing when there are none): the block's
    /// <c>input</c> object becomes the <c>arguments</c> string. Also how an Anthropic client's earlier assistant turns
    /// are told to a chat completion provider.</summary>
    public static void WriteToolCalls(Utf8JsonWriter writer, List<JsonElement> toolCalls)
    {
        if (toolCalls.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("tool_calls"u8);
        foreach (var call in toolCalls)
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, JsonBlocks.String(call, "id") ?? "");
            writer.WriteString("type"u8, "function");
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, JsonBlocks.String(call, "name") ?? "");
            writer.WriteString("arguments"u8, JsonBlocks.TryGet(call, "input", out var input) ? input.GetRawText() : "{}");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
