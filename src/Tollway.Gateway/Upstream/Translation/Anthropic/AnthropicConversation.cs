using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>
/// OpenAI chat messages regrouped the way the Messages API requires: system and developer messages lifted into the
/// <c>system</c> blocks, tool results turned into <c>tool_result</c> blocks of a user turn, assistant tool calls into
/// <c>tool_use</c> blocks, and consecutive turns of the same role merged into one. Messages that leave no content
/// (an empty assistant text) are dropped, since the API refuses empty blocks.
/// </summary>
internal sealed class AnthropicConversation
{
    public List<byte[]> System { get; } = [];

    public List<(string Role, List<byte[]> Blocks)> Turns { get; } = [];

    /// <summary>Whether the last assistant turn calls tools. With thinking on, Anthropic wants that turn to start with the
    /// signed thinking block it answered with, which OpenAI's message format has no place to bring back.</summary>
    public bool LastAssistantTurnCallsTools { get; private set; }

    /// <summary>Reads the messages; returns why they cannot be translated, or <see langword="null"/>.</summary>
    public string? Read(JsonElement messages)
    {
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var error = ReadMessage(message, index++);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private string? ReadMessage(JsonElement message, int index)
    {
        var role = JsonBlocks.String(message, "role");
        JsonBlocks.TryGet(message, "content", out var content);
        switch (role)
        {
            case "system" or "developer":
                foreach (var block in AnthropicBlocks.TextBlocks(content))
                {
                    System.Add(block);
                }

                return null;
            case "user":
                foreach (var block in AnthropicBlocks.UserBlocks(content))
                {
                    Add("user", block);
                }

                return null;
            case "assistant":
                LastAssistantTurnCallsTools = false;
                foreach (var block in AnthropicBlocks.TextBlocks(content))
                {
                    Add("assistant", block);
                }

                return ReadToolCalls(message, index);
            case "tool":
                Add("user", AnthropicBlocks.ToolResult(JsonBlocks.String(message, "tool_call_id") ?? "", content));
                return null;
            default:
                return $"messages[{index}].role '{role}' cannot be sent to this provider.";
        }
    }

    private string? ReadToolCalls(JsonElement message, int index) =>
        ToolArguments.ReadCalls(message, index, this, static (conversation, id, name, input) =>
        {
            conversation.Add("assistant", AnthropicBlocks.ToolUse(id, name, input));
            conversation.LastAssistantTurnCallsTools = true;
        });

    private void Add(string role, byte[] block)
    {
        if (Turns.Count > 0 && Turns[^1].Role == role)
        {
            Turns[^1].Blocks.Add(block);
        }
        else
        {
            Turns.Add((role, [block]));
        }
    }
}
