using System.Text.Json;

namespace Tollway.Testing.Upstreams;

/// <summary>Writes the embeddings <c>list</c> object, one deterministic vector per input.</summary>
internal static class EmbeddingsJson
{
    public static void Write(Utf8JsonWriter json, FakeRequestBody request, string model, int promptTokens)
    {
        var dimensions = request.Dimensions ?? FakeEmbedding.DefaultDimensions;
        json.WriteStartObject();
        json.WriteString("object", "list");
        json.WriteStartArray("data");
        for (var index = 0; index < request.Inputs.Count; index++)
        {
            var vector = FakeEmbedding.For(request.Inputs[index], dimensions);
            json.WriteStartObject();
            json.WriteString("object", "embedding");
            json.WriteNumber("index", index);
            if (request.Base64Encoding)
            {
                json.WriteString("embedding", FakeEmbedding.ToBase64(vector));
            }
            else
            {
                json.WriteStartArray("embedding");
                foreach (var value in vector)
                {
                    json.WriteNumberValue(value);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("model", model);
        UsageJson.WriteEmbeddings(json, promptTokens);
        json.WriteEndObject();
    }
}
