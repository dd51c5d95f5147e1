using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>Anthropic content blocks made from OpenAI message content, each serialized on its own.</summary>
internal static class AnthropicBlocks
{
    /// <summary>Text blocks of a string or of the <c>text</c> parts of an array (with their <c>cache_control</c>); empty
    /// text is left out.</summary>
    public static IEnumerable<byte[]> TextBlocks(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            if (content.GetString() is { Length: > 0 } text)
            {
                yield return Text(text, default);
            }

            yield break;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var part in content.EnumerateArray())
        {
            if (JsonBlocks.String(part, "type") == "text" && JsonBlocks.String(part, "text") is { Length: > 0 } text)
            {
                yield return Text(text, part);
            }
        }
    }

    /// <summary>A user message's blocks: text and images (a data URL as base64, any other URL by reference).</summary>
    public static IEnumerable<byte[]> UserBlocks(JsonElement content)
    {
        if (content.ValueKind != JsonValueKind.Array)
        {
            foreach (var block in TextBlocks(content))
            {
                yield return block;
            }

            yield break;
        }

        foreach (var part in content.EnumerateArray())
        {
            switch (JsonBlocks.String(part, "type"))
            {
                case "text" when JsonBlocks.String(part, "text") is { Length: > 0 } text:
                    yield return Text(text, part);
                    break;
                case "image_url" when JsonBlocks.TryGet(part, "image_url", out var image):
                    var url = image.ValueKind == JsonValueKind.String ? image.GetString() : JsonBlocks.String(image, "url");
                    if (url is { Length: > 0 })
                    {
                        yield return Image(url, part);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    public static byte[] ToolUse(string id, string name, byte[] input) => JsonBlocks.Serialize((id, name, input), static (writer, state) =>
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "tool_use");
        writer.WriteString("id"u8, state.id);
        writer.WriteString("name"u8, state.name);
        writer.WritePropertyName("input"u8);
        writer.WriteRawValue(state.input, skipInputValidation: true);
        writer.WriteEndObject();
    });

    public static byte[] ToolResult(string toolUseId, JsonElement content) => JsonBlocks.Serialize((toolUseId, content), static (writer, state) =>
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "tool_result");
        writer.WriteString("tool_use_id"u8, state.toolUseId);
        if (state.content.ValueKind == JsonValueKind.Array)
        {
            writer.WriteStartArray("content"u8);
            foreach (var block in TextBlocks(state.content))
            {
                writer.WriteRawValue(block, skipInputValidation: true);
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("content"u8, JsonBlocks.Text(state.content));
        }

        writer.WriteEndObject();
    });

    private static byte[] Text(string text, JsonElement part) => JsonBlocks.Serialize((text, part), static (writer, state) =>
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "text");
        writer.WriteString("text"u8, state.text);
        CopyCacheControl(state.part, writer);
        writer.WriteEndObject();
    });

    private static byte[] Image(string url, JsonElement part) => JsonBlocks.Serialize((url, part), static (writer, state) =>
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "image");
        writer.WriteStartObject("source"u8);
        if (DataUrl.TryParse(state.url, out var data))
        {
            writer.WriteString("type"u8, "base64");
            writer.WriteString("media_type"u8, data.MediaType);
            writer.WriteString("data"u8, data.Base64);
        }
        else
        {
            writer.WriteString("type"u8, "url");
            writer.WriteString("url"u8, state.url);
        }

        writer.WriteEndObject();
        CopyCacheControl(state.part, writer);
        writer.WriteEndObject();
    });

    /// <summary>Prompt-caching breakpoints set on OpenAI content parts (as OpenRouter accepts them) reach Anthropic.</summary>
    private static void CopyCacheControl(JsonElement part, Utf8JsonWriter writer)
    {
        if (JsonBlocks.TryGet(part, "cache_control", out var cacheControl) && cacheControl.ValueKind == JsonValueKind.Object)
        {
            writer.WritePropertyName("cache_control"u8);
            cacheControl.WriteTo(writer);
        }
    }
}
