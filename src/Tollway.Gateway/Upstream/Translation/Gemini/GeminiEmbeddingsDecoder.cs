using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Gemini;

/// <summary>
/// <c>batchEmbedContents</c>' <c>{"embeddings":[{"values":[…]}]}</c> as OpenAI's embeddings list. Gemini reports no
/// token counts here, so the answer carries no usage and the gateway bills its own count of the input (marked estimated).
/// </summary>
internal static class GeminiEmbeddingsDecoder
{
    public static byte[] Decode(JsonElement embeddings, string model) => JsonBlocks.Serialize((embeddings, model), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteString("object"u8, "list");
        w.WriteStartArray("data"u8);
        var index = 0;
        if (s.embeddings.ValueKind == JsonValueKind.Array)
        {
            foreach (var embedding in s.embeddings.EnumerateArray())
            {
                w.WriteStartObject();
                w.WriteString("object"u8, "embedding");
                w.WriteNumber("index"u8, index++);
                w.WritePropertyName("embedding"u8);
                if (JsonBlocks.TryGet(embedding, "values", out var values))
                {
                    values.WriteTo(w);
                }
                else
                {
                    w.WriteStartArray();
                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteString("model"u8, s.model);
        w.WriteEndObject();
    });
}
