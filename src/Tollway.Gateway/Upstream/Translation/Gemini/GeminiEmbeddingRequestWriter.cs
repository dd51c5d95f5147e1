using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Gemini;

/// <summary>An OpenAI embeddings request as <c>batchEmbedContents</c>: one request per input text, each naming the
/// model, with <c>dimensions</c> as <c>outputDimensionality</c>. Token-array inputs have no Gemini form and are refused.</summary>
internal static class GeminiEmbeddingRequestWriter
{
    public static TranslatedRequest Write(ReadOnlyMemory<byte> body, string upstreamModel)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var input = root.GetProperty("input");
        var texts = input.ValueKind == JsonValueKind.String
            ? [input.GetString()!]
            : input.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() : null).ToList();
        if (texts.Count == 0 || texts.Any(text => text is null))
        {
            return TranslatedRequest.Refused("This provider embeds text only: 'input' must be a string or an array of strings.");
        }

        var model = upstreamModel.StartsWith("models/", StringComparison.Ordinal) ? upstreamModel : "models/" + upstreamModel;
        var state = (texts, model, dimensions: JsonBlocks.PositiveInt(root, "dimensions"));
        return new TranslatedRequest(JsonBlocks.Body(body.Length + 128, state, static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("requests"u8);
            foreach (var text in s.texts)
            {
                w.WriteStartObject();
                w.WriteString("model"u8, s.model);
                w.WriteStartObject("content"u8);
                w.WriteStartArray("parts"u8);
                w.WriteStartObject();
                w.WriteString("text"u8, text);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                if (s.dimensions is { } dimensions)
                {
                    w.WriteNumber("outputDimensionality"u8, dimensions);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }), null);
    }
}
