using System.Text;
using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>Writes Anthropic messages as chat completion messages (see <see cref="MessagesRequestReader"/>).</summary>
internal static class ChatMessagesWriter
{
    /// <summary><c>system</c> (a string or text blocks) as one system message.</summary>
    public static void WriteSystem(Utf8JsonWriter w, JsonElement root)
    {
        if (!JsonBlocks.TryGet(root, "system", out var system))
        {
            return;
        }

        var text = system.ValueKind == JsonValueKind.String ? system.GetString() ?? "" : BlocksText(system);
        if (text.Length == 0)
        {
            return;
        }

        w.WriteStartObject();
        w.WriteString("role"u8, "system");
        w.WriteString("content"u8, text);
        w.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter w, JsonElement message)
    {
        var role = JsonBlocks.String(message, "role");
        JsonBlocks.TryGet(message, "content", out var content);
        if (role == "assistant")
        {
            WriteAssistant(w, content);
            return;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            w.WriteStartObject();
            w.WriteString("role"u8, "user");
            w.WriteString("content"u8, content.GetString());
            w.WriteEndObject();
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        // Tool results answer the previous assistant turn, so they come first, each as its own tool message.
        foreach (var block in content.EnumerateArray().Where(b => JsonBlocks.String(b, "type") == "tool_result"))
        {
            w.WriteStartObject();
            w.WriteString("role"u8, "tool");
            w.WriteString("tool_call_id"u8, JsonBlocks.String(block, "tool_use_id") ?? "");
            JsonBlocks.TryGet(block, "content", out var result);
            w.WriteString("content"u8, result.ValueKind == JsonValueKind.String ? result.GetString() : BlocksText(result));
            w.WriteEndObject();
        }

        var parts = content.EnumerateArray().Where(b => JsonBlocks.String(b, "type") is "text" or "image").ToList();
        if (parts.Count == 0)
        {
            return;
        }

        w.WriteStartObject();
        w.WriteString("role"u8, "user");
        w.WriteStartArray("content"u8);
        foreach (var part in parts)
        {
            WriteUserPart(w, part);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteUserPart(Utf8JsonWriter w, JsonElement block)
    {
        w.WriteStartObject();
        if (JsonBlocks.String(block, "type") == "text")
        {
            w.WriteString("type"u8, "text");
            w.WriteString("text"u8, JsonBlocks.String(block, "text") ?? "");
            if (JsonBlocks.TryGet(block, "cache_control", out var cacheControl))
            {
                w.WritePropertyName("cache_control"u8);
                cacheControl.WriteTo(w);
            }
        }
        else
        {
            JsonBlocks.TryGet(block, "source", out var source);
            var url = JsonBlocks.String(source, "type") == "base64"
                ? $"data:{JsonBlocks.String(source, "media_type")};base64,{JsonBlocks.String(source, "data")}"
                : JsonBlocks.String(source, "url") ?? "";
            w.WriteString("type"u8, "image_url");
            w.WriteStartObject("image_url"u8);
            w.WriteString("url"u8, url);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteAssistant(Utf8JsonWriter w, JsonElement content)
    {
        var text = content.ValueKind == JsonValueKind.String ? content.GetString() ?? "" : BlocksText(content);
        var calls = content.ValueKind == JsonValueKind.Array
            ? content.EnumerateArray().Where(b => JsonBlocks.String(b, "type") == "tool_use").ToList()
            : [];
        w.WriteStartObject();
        w.WriteString("role"u8, "assistant");
        if (text.Length > 0 || calls.Count == 0)
        {
            w.WriteString("content"u8, text);
        }
        else
        {
            w.WriteNull("content"u8);
        }

        AnthropicResponseDecoder.WriteToolCalls(w, calls);
        w.WriteEndObject();
    }

    /// <summary>The text of <c>text</c> blocks, joined.</summary>
    private static string BlocksText(JsonElement blocks)
    {
        if (blocks.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var block in blocks.EnumerateArray())
        {
            if (JsonBlocks.String(block, "type") == "text" && JsonBlocks.String(block, "text") is { } value)
            {
                text.Append(text.Length > 0 ? "\n" : "").Append(value);
            }
        }

        return text.ToString();
    }
}
