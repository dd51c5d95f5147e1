using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Gemini;

/// <summary>
/// Translates a <c>generateContent</c> response into an OpenAI <c>chat.completion</c> (one choice per candidate: text,
/// thoughts as <c>reasoning</c>, function calls as <c>tool_calls</c>, <c>finishReason</c> mapped, a blocked prompt as
/// one <c>content_filter</c> choice) and a <c>batchEmbedContents</c> response into an OpenAI embeddings list.
/// </summary>
internal static class GeminiResponseDecoder
{
    public static byte[] Decode(ReadOnlyMemory<byte> json, long created, string model)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return JsonBlocks.TryGet(root, "embeddings", out var embeddings)
            ? GeminiEmbeddingsDecoder.Decode(embeddings, model)
            : DecodeCompletion(root, created, model);
    }

    private static byte[] DecodeCompletion(JsonElement root, long created, string model)
    {
        var candidates = GeminiCandidate.ReadAll(root);
        var blockReason = GeminiCandidate.BlockReason(root);
        var state = (root, candidates, blockReason, created, model, usage: GeminiUsage.Read(root) ?? default);
        return JsonBlocks.Serialize(state, static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("id"u8, JsonBlocks.String(s.root, "responseId") ?? "chatcmpl-" + Guid.NewGuid().ToString("N"));
            w.WriteString("object"u8, "chat.completion");
            w.WriteNumber("created"u8, s.created);
            w.WriteString("model"u8, JsonBlocks.String(s.root, "modelVersion") ?? s.model);
            w.WriteStartArray("choices"u8);
            foreach (var candidate in s.candidates)
            {
                WriteChoice(w, candidate);
            }

            if (s.candidates.Count == 0 && s.blockReason is not null)
            {
                w.WriteStartObject();
                w.WriteNumber("index"u8, 0);
                w.WriteStartObject("message"u8);
                w.WriteString("role"u8, "assistant");
                w.WriteNull("content"u8);
                w.WriteEndObject();
                w.WriteString("finish_reason"u8, "content_filter");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            OpenAiUsageJson.Write(w, s.usage);
            w.WriteEndObject();
        });
    }

    private static void WriteChoice(Utf8JsonWriter w, GeminiCandidate candidate)
    {
        w.WriteStartObject();
        w.WriteNumber("index"u8, candidate.Index);
        w.WriteStartObject("message"u8);
        w.WriteString("role"u8, "assistant");
        if (candidate.Text.Length > 0 || candidate.FunctionCalls.Count == 0)
        {
            w.WriteString("content"u8, candidate.Text);
        }
        else
        {
            w.WriteNull("content"u8);
        }

        if (candidate.Thoughts.Length > 0)
        {
            w.WriteString("reasoning"u8, candidate.Thoughts);
        }

        if (candidate.FunctionCalls.Count > 0)
        {
            w.WriteStartArray("tool_calls"u8);
            foreach (var (id, name, arguments) in candidate.FunctionCalls)
            {
                w.WriteStartObject();
                w.WriteString("id"u8, id);
                w.WriteString("type"u8, "function");
                w.WriteStartObject("function"u8);
                w.WriteString("name"u8, name);
                w.WriteString("arguments"u8, arguments);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteString("finish_reason"u8, GeminiFinishReasons.ToFinishReason(candidate.FinishReason, candidate.FunctionCalls.Count > 0));
        w.WriteNull("logprobs"u8);
        w.WriteEndObject();
    }
}
