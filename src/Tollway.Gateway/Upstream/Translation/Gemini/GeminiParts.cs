using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Gemini;

/// <summary>Gemini <c>parts</c> made from OpenAI message content, each serialized on its own.</summary>
internal static class GeminiParts
{
    /// <summary>Text parts, and images: a data URL as <c>inlineData</c>, any other URL as <c>fileData</c>.</summary>
    public static IEnumerable<byte[]> Content(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            if (content.GetString() is { Length: > 0 } text)
            {
                yield return Text(text);
            }

            yield break;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var part in content.EnumerateArray())
        {
            switch (JsonBlocks.String(part, "type"))
            {
                case "text" when JsonBlocks.String(part, "text") is { Length: > 0 } text:
                    yield return Text(text);
                    break;
                case "image_url" when JsonBlocks.TryGet(part, "image_url", out var image):
                    var url = image.ValueKind == JsonValueKind.String ? image.GetString() : JsonBlocks.String(image, "url");
                    if (url is { Length: > 0 })
                    {
                        yield return Image(url);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    public static byte[] Text(string text) => JsonBlocks.Serialize(text, static (w, t) =>
    {
        w.WriteStartObject();
        w.WriteString("text"u8, t);
        w.WriteEndObject();
    });

    public static byte[] FunctionCall(string name, byte[] args, string? thoughtSignature) => JsonBlocks.Serialize((name, args, thoughtSignature), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteStartObject("functionCall"u8);
        w.WriteString("name"u8, s.name);
        w.WritePropertyName("args"u8);
        w.WriteRawValue(s.args, skipInputValidation: true);
        w.WriteEndObject();
        if (s.thoughtSignature is not null)
        {
            w.WriteString("thoughtSignature"u8, s.thoughtSignature);
        }

        w.WriteEndObject();
    });

    /// <summary>A tool's answer: Gemini wants an object, so JSON object text goes as it is and anything else under <c>content</c>.</summary>
    public static byte[] FunctionResponse(string name, string result) => JsonBlocks.Serialize((name, result), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteStartObject("functionResponse"u8);
        w.WriteString("name"u8, s.name);
        w.WritePropertyName("response"u8);
        if (ToolArguments.TryParse(s.result, out var json) && s.result.Trim().Length > 0)
        {
            w.WriteRawValue(json, skipInputValidation: true);
        }
        else
        {
            w.WriteStartObject();
            w.WriteString("content"u8, s.result);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static byte[] Image(string url) => JsonBlocks.Serialize(url, static (w, u) =>
    {
        w.WriteStartObject();
        if (DataUrl.TryParse(u, out var data))
        {
            w.WriteStartObject("inlineData"u8);
            w.WriteString("mimeType"u8, data.MediaType);
            w.WriteString("data"u8, data.Base64);
        }
        else
        {
            w.WriteStartObject("fileData"u8);
            w.WriteString("mimeType"u8, DataUrl.GuessMediaType(u));
            w.WriteString("fileUri"u8, u);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });
}
