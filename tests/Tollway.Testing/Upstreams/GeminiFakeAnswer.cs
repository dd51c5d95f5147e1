using System.Text.Json;

namespace Tollway.Testing.Upstreams;

/// <summary>The answer decided for one <c>generateContent</c> request, shared by its JSON and streamed forms.</summary>
internal sealed class GeminiFakeAnswer
{
    /// <summary>The signature Gemini puts on a function call made after thinking, which it wants back on the next turn.</summary>
    public const string ThoughtSignature = "CiQBVKhc7sGemini5ig";

    public required string ResponseId { get; init; }

    public required string Model { get; init; }

    public string? Thinking { get; init; }

    public string? Text { get; init; }

    public string? FunctionName { get; init; }

    public required UpstreamUsage Usage { get; init; }

    /// <summary><c>SAFETY</c> for a blocked answer, else <c>STOP</c> (Gemini ends function-call turns with <c>STOP</c> too).</summary>
    public string FinishReason { get; init; } = "STOP";

    /// <summary>The prompt itself was blocked: no candidates, only <c>promptFeedback.blockReason</c>.</summary>
    public bool PromptBlocked { get; init; }

    public static GeminiFakeAnswer For(GeminiFakeRequest request, int bodyLength, UpstreamFault? fault)
    {
        var blocked = fault?.SafetyBlock == true;
        var function = blocked || request.LastTurnIsFunctionResponse ? null : request.FirstFunctionName;
        var text = blocked || function is not null ? null
            : fault?.Content ?? (request.LastTurnIsFunctionResponse ? FakeText.ToolResultContent : FakeText.DefaultContent);
        var thinking = request.IncludeThoughts && !blocked ? FakeText.Thinking : null;
        var thoughtTokens = thinking is null ? 0 : FakeText.CountWords(thinking);
        var output = blocked ? 0 : FakeText.CountWords(text ?? FakeText.ToolArguments) + thoughtTokens;
        return new GeminiFakeAnswer
        {
            ResponseId = FakeCompletion.NewId("gem"),
            Model = request.Model,
            Thinking = thinking,
            Text = text,
            FunctionName = function,
            Usage = fault?.Usage ?? new UpstreamUsage(FakeCompletion.PromptTokensFor(bodyLength), output, ReasoningTokens: thoughtTokens),
            FinishReason = blocked ? "SAFETY" : "STOP",
            PromptBlocked = blocked && fault?.Content == "prompt",
        };
    }

    /// <summary>A whole response, or one streamed piece of it: the given parts, the finish reason when
    /// <paramref name="finished"/>, and the usage (Gemini repeats it on every piece; complete on the last).</summary>
    public void WriteResponse(Utf8JsonWriter json, Action<Utf8JsonWriter>? parts, bool finished)
    {
        json.WriteStartObject();
        if (PromptBlocked)
        {
            json.WriteStartObject("promptFeedback");
            json.WriteString("blockReason", "SAFETY");
            WriteSafetyRatings(json);
            json.WriteEndObject();
        }
        else
        {
            json.WriteStartArray("candidates");
            json.WriteStartObject();
            if (parts is not null)
            {
                json.WriteStartObject("content");
                json.WriteStartArray("parts");
                parts(json);
                json.WriteEndArray();
                json.WriteString("role", "model");
                json.WriteEndObject();
            }

            if (finished)
            {
                json.WriteString("finishReason", FinishReason);
                if (FinishReason == "SAFETY")
                {
                    WriteSafetyRatings(json);
                }
            }

            json.WriteNumber("index", 0);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        WriteUsage(json, finished);
        json.WriteString("modelVersion", Model);
        json.WriteString("responseId", ResponseId);
        json.WriteEndObject();
    }

    /// <summary>Every part of the answer: thoughts (<c>thought: true</c>), then text or the function call.</summary>
    public void WriteAllParts(Utf8JsonWriter json)
    {
        if (Thinking is not null)
        {
            WriteThought(json, Thinking);
        }

        if (Text is not null)
        {
            WriteText(json, Text);
        }

        if (FunctionName is not null)
        {
            WriteFunctionCall(json);
        }
    }

    public static void WriteText(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    public static void WriteThought(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteString("text", text);
        json.WriteBoolean("thought", true);
        json.WriteEndObject();
    }

    public void WriteFunctionCall(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartObject("functionCall");
        json.WriteString("name", FunctionName);
        json.WritePropertyName("args");
        json.WriteRawValue(FakeText.ToolArguments);
        json.WriteEndObject();
        if (Thinking is not null)
        {
            json.WriteString("thoughtSignature", ThoughtSignature);
        }

        json.WriteEndObject();
    }

    /// <summary><c>promptTokenCount</c> includes the cached tokens; <c>candidatesTokenCount</c> leaves out the thoughts,
    /// counted in <c>thoughtsTokenCount</c>. A piece before the last reports the prompt only.</summary>
    private void WriteUsage(Utf8JsonWriter json, bool complete)
    {
        json.WriteStartObject("usageMetadata");
        json.WriteNumber("promptTokenCount", Usage.PromptTokens);
        if (complete)
        {
            json.WriteNumber("candidatesTokenCount", Usage.CompletionTokens - Usage.ReasoningTokens);
            if (Usage.CachedTokens > 0)
            {
                json.WriteNumber("cachedContentTokenCount", Usage.CachedTokens);
            }

            if (Usage.ReasoningTokens > 0)
            {
                json.WriteNumber("thoughtsTokenCount", Usage.ReasoningTokens);
            }

            WriteModalities(json);
        }

        json.WriteNumber("totalTokenCount", complete ? Usage.TotalTokens : Usage.PromptTokens);
        json.WriteEndObject();
    }

    /// <summary>The prompt (and the cache) per modality, as Gemini reports them: the audio apart from the text.</summary>
    private void WriteModalities(Utf8JsonWriter json)
    {
        if (Usage.AudioTokens is not { } audio)
        {
            return;
        }

        WriteDetails(json, "promptTokensDetails", Usage.PromptTokens - audio, audio);
        if (Usage.CachedAudioTokens is { } cachedAudio)
        {
            WriteDetails(json, "cacheTokensDetails", Usage.CachedTokens - cachedAudio, cachedAudio);
        }
    }

    private static void WriteDetails(Utf8JsonWriter json, string name, int text, int audio)
    {
        json.WriteStartArray(name);
        foreach (var (modality, count) in new[] { ("TEXT", text), ("AUDIO", audio) })
        {
            json.WriteStartObject();
            json.WriteString("modality", modality);
            json.WriteNumber("tokenCount", count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteSafetyRatings(Utf8JsonWriter json)
    {
        json.WriteStartArray("safetyRatings");
        json.WriteStartObject();
        json.WriteString("category", "HARM_CATEGORY_DANGEROUS_CONTENT");
        json.WriteString("probability", "HIGH");
        json.WriteBoolean("blocked", true);
        json.WriteEndObject();
        json.WriteEndArray();
    }
}
