using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Gemini;

/// <summary>
/// OpenAI chat messages as Gemini <c>contents</c>: system and developer messages become the <c>systemInstruction</c>,
/// the assistant is the <c>model</c> role, tool calls become <c>functionCall</c> parts (with the thought signature
/// they came with) and tool results <c>functionResponse</c> parts of a user turn, named after the call they answer.
/// Consecutive turns of one role are merged.
/// </summary>
internal sealed class GeminiConversation
{
    private readonly Dictionary<string, string> _callNames = new(StringComparer.Ordinal);

    public List<byte[]> System { get; } = [];

    public List<(string Role, List<byte[]> Parts)> Turns { get; } = [];

    public string? Read(JsonElement messages)
    {
        foreach (var message in messages.EnumerateArray())
        {
            if (JsonBlocks.TryGet(message, "tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    JsonBlocks.TryGet(call, "function", out var function);
                    _callNames[JsonBlocks.String(call, "id") ?? ""] = JsonBlocks.String(function, "name") ?? "";
                }
            }
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (ReadMessage(message, index++) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private string? ReadMessage(JsonElement message, int index)
    {
        JsonBlocks.TryGet(message, "content", out var content);
        switch (JsonBlocks.String(message, "role"))
        {
            case "system" or "developer":
                System.AddRange(GeminiParts.Content(content));
                return null;
            case "user":
                foreach (var part in GeminiParts.Content(content))
                {
                    Add("user", part);
                }

                return null;
            case "assistant":
                foreach (var part in GeminiParts.Content(content))
                {
                    Add("model", part);
                }

                return ReadToolCalls(message, index);
            case "tool":
                var id = JsonBlocks.String(message, "tool_call_id") ?? "";
                var name = _callNames.GetValueOrDefault(id);
                if (name is null)
                {
                    return $"messages[{index}].tool_call_id '{id}' answers no tool call of an earlier assistant message.";
                }

                Add("user", GeminiParts.FunctionResponse(name, JsonBlocks.Text(content)));
                return null;
            case var role:
                return $"messages[{index}].role '{role}' cannot be sent to this provider.";
        }
    }

    private string? ReadToolCalls(JsonElement message, int index) =>
        ToolArguments.ReadCalls(message, index, this, static (conversation, id, name, args) =>
            conversation.Add("model", GeminiParts.FunctionCall(name, args, GeminiToolCallIds.ThoughtSignature(id))));

    private void Add(string role, byte[] part)
    {
        if (Turns.Count > 0 && Turns[^1].Role == role)
        {
            Turns[^1].Parts.Add(part);
        }
        else
        {
            Turns.Add((role, [part]));
        }
    }
}
