using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Gemini;

/// <summary>The sampling, length, stop, JSON and thinking settings of an OpenAI request as Gemini's <c>generationConfig</c>.</summary>
internal static class GeminiGenerationConfigWriter
{
    /// <param name="w">Where the request is written.</param>
    /// <param name="root">The chat completion.</param>
    /// <param name="maxOutputTokens">The most output of each candidate the hold covers, always sent.</param>
    /// <param name="thinkingBudget">A thinking budget asked for in a dialect the chat completion has no member for.</param>
    public static void Write(Utf8JsonWriter w, JsonElement root, int maxOutputTokens, int? thinkingBudget)
    {
        w.WriteStartObject("generationConfig"u8);
        JsonBlocks.CopyScalar(root, "temperature", w, "temperature");
        JsonBlocks.CopyScalar(root, "top_p", w, "topP");
        JsonBlocks.CopyScalar(root, "top_k", w, "topK");
        JsonBlocks.CopyScalar(root, "seed", w, "seed");
        JsonBlocks.CopyScalar(root, "presence_penalty", w, "presencePenalty");
        JsonBlocks.CopyScalar(root, "frequency_penalty", w, "frequencyPenalty");
        w.WriteNumber("maxOutputTokens"u8, maxOutputTokens);

        if (JsonBlocks.PositiveInt(root, "n") is > 1 and var n)
        {
            w.WriteNumber("candidateCount"u8, n);
        }

        var stops = JsonBlocks.StopSequences(root);
        if (stops.Count > 0)
        {
            w.WriteStartArray("stopSequences"u8);
            stops.ForEach(w.WriteStringValue);
            w.WriteEndArray();
        }

        WriteResponseFormat(w, root);
        WriteThinking(w, root, thinkingBudget);
        w.WriteEndObject();
    }

    /// <summary><c>json_object</c> asks for JSON; <c>json_schema</c> also gives the schema, as JSON Schema.</summary>
    private static void WriteResponseFormat(Utf8JsonWriter w, JsonElement root)
    {
        if (!JsonBlocks.TryGet(root, "response_format", out var format))
        {
            return;
        }

        var type = JsonBlocks.String(format, "type");
        if (type is not ("json_object" or "json_schema"))
        {
            return;
        }

        w.WriteString("responseMimeType"u8, "application/json");
        if (type == "json_schema" && JsonBlocks.TryGet(format, "json_schema", out var jsonSchema)
            && JsonBlocks.TryGet(jsonSchema, "schema", out var schema))
        {
            w.WritePropertyName("responseJsonSchema"u8);
            schema.WriteTo(w);
        }
    }

    /// <summary>A reasoning request as <c>thinkingConfig</c>: a token budget (0 turns thinking off), thoughts included
    /// so they come back as <c>reasoning</c>.</summary>
    private static void WriteThinking(Utf8JsonWriter w, JsonElement root, int? thinkingBudget)
    {
        var reasoning = ReasoningRequest.Read(root);
        int? budget = thinkingBudget ?? (!reasoning.Requested ? null
            : reasoning.Disabled ? 0
            : reasoning.Budget ?? reasoning.Effort switch
            {
                "minimal" => 512,
                "low" => 1024,
                "high" => 24576,
                "xhigh" => 32768,
                _ => 8192,
            });
        if (budget is not { } tokens)
        {
            return;
        }

        w.WriteStartObject("thinkingConfig"u8);
        w.WriteNumber("thinkingBudget"u8, tokens);
        w.WriteBoolean("includeThoughts"u8, tokens > 0);
        w.WriteEndObject();
    }
}
