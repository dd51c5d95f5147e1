using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Gemini;

/// <summary>What one Gemini candidate (or streamed piece of one) says, in the terms of an OpenAI choice.</summary>
internal sealed class GeminiCandidate
{
    public int Index { get; private set; }

    public string Text { get; private set; } = "";

    /// <summary>Text of parts marked <c>thought</c>.</summary>
    public string Thoughts { get; private set; } = "";

    public List<(string Id, string Name, string Arguments)> FunctionCalls { get; } = [];

    public string? FinishReason { get; private set; }

    /// <summary>The candidates of a response; a prompt blocked outright has none, only <c>promptFeedback.blockReason</c>.</summary>
    public static List<GeminiCandidate> ReadAll(JsonElement response)
    {
        var read = new List<GeminiCandidate>();
        if (JsonBlocks.TryGet(response, "candidates", out var candidates) && candidates.ValueKind == JsonValueKind.Array)
        {
            var position = 0;
            foreach (var candidate in candidates.EnumerateArray())
            {
                read.Add(Read(candidate, position++));
            }
        }

        return read;
    }

    /// <summary>Why the prompt itself was blocked, if it was.</summary>
    public static string? BlockReason(JsonElement response) =>
        JsonBlocks.TryGet(response, "promptFeedback", out var feedback) ? JsonBlocks.String(feedback, "blockReason") : null;

    private static GeminiCandidate Read(JsonElement candidate, int position)
    {
        var text = new System.Text.StringBuilder();
        var thoughts = new System.Text.StringBuilder();
        var read = new GeminiCandidate
        {
            Index = JsonBlocks.TryGet(candidate, "index", out var index) && index.TryGetInt32(out var i) ? i : position,
            FinishReason = JsonBlocks.String(candidate, "finishReason"),
        };
        if (JsonBlocks.TryGet(candidate, "content", out var content) && JsonBlocks.TryGet(content, "parts", out var parts)
            && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                if (JsonBlocks.TryGet(part, "functionCall", out var call))
                {
                    var arguments = JsonBlocks.TryGet(call, "args", out var args) ? args.GetRawText() : "{}";
                    var id = GeminiToolCallIds.Create(JsonBlocks.String(call, "id"), JsonBlocks.String(part, "thoughtSignature"));
                    read.FunctionCalls.Add((id, JsonBlocks.String(call, "name") ?? "", arguments));
                }
                else if (JsonBlocks.String(part, "text") is { } partText)
                {
                    var isThought = JsonBlocks.TryGet(part, "thought", out var thought) && thought.ValueKind == JsonValueKind.True;
                    (isThought ? thoughts : text).Append(partText);
                }
            }
        }

        read.Text = text.ToString();
        read.Thoughts = thoughts.ToString();
        return read;
    }
}
