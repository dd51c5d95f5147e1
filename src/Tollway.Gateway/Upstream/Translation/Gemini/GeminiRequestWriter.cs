using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation.Gemini;

/// <summary>
/// Writes an OpenAI chat completion request as a Gemini <c>generateContent</c> request: <c>contents</c> and
/// <c>systemInstruction</c> (<see cref="GeminiConversation"/>), <c>generationConfig</c> (temperature, <c>topP</c>,
/// <c>maxOutputTokens</c>, <c>stopSequences</c>, <c>candidateCount</c>, seed, penalties, JSON mode and schema, and the
/// reasoning request as <c>thinkingConfig</c>), tools as <c>functionDeclarations</c> and <c>tool_choice</c> as
/// <c>toolConfig</c>. The model and the streaming choice travel in the URL, not the body.
/// </summary>
internal static class GeminiRequestWriter
{
    /// <param name="body">The chat completion.</param>
    /// <param name="request">What was read of it.</param>
    /// <param name="maxOutputTokens">The most output of each candidate the hold covers: always sent, since Gemini's own
    /// default may be far more.</param>
    public static TranslatedRequest Write(ReadOnlyMemory<byte> body, InspectedRequest request, int maxOutputTokens)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var conversation = new GeminiConversation();
        if (conversation.Read(root.GetProperty("messages")) is { } error)
        {
            return TranslatedRequest.Refused(error);
        }

        var state = (root, conversation, MaxOutputTokens: maxOutputTokens, request.ThinkingBudget);
        return new TranslatedRequest(JsonBlocks.Body(body.Length + 256, state, static (w, s) =>
        {
            w.WriteStartObject();
            WriteContents(w, s.conversation);
            if (s.conversation.System.Count > 0)
            {
                w.WriteStartObject("systemInstruction"u8);
                WriteParts(w, s.conversation.System);
                w.WriteEndObject();
            }

            GeminiToolsWriter.Write(w, s.root);
            GeminiGenerationConfigWriter.Write(w, s.root, s.MaxOutputTokens, s.ThinkingBudget);
            w.WriteEndObject();
        }), null);
    }

    private static void WriteContents(Utf8JsonWriter w, GeminiConversation conversation)
    {
        w.WriteStartArray("contents"u8);
        foreach (var (role, parts) in conversation.Turns)
        {
            w.WriteStartObject();
            w.WriteString("role"u8, role);
            WriteParts(w, parts);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteParts(Utf8JsonWriter w, List<byte[]> parts)
    {
        w.WriteStartArray("parts"u8);
        foreach (var part in parts)
        {
            w.WriteRawValue(part, skipInputValidation: true);
        }

        w.WriteEndArray();
    }
}
