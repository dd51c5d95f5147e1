using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// A Messages API request as the fake reads it, checked the way Anthropic's API checks it: the key in
/// <c>x-api-key</c>, an <c>anthropic-version</c> header, <c>model</c>, a positive <c>max_tokens</c>, a non-empty
/// <c>messages</c> array of <c>user</c>/<c>assistant</c> turns with non-empty content, no <c>system</c> role inside it,
/// a thinking budget of at least 1024 below <c>max_tokens</c>, and with thinking on, a last assistant message that calls
/// tools starting with its thinking block.
/// </summary>
internal sealed class AnthropicFakeRequest
{
    public string Model { get; private init; } = "";

    public int MaxTokens { get; private init; }

    public bool Stream { get; private init; }

    public string? FirstToolName { get; private init; }

    public bool LastMessageIsToolResult { get; private init; }

    public bool Thinking { get; private init; }

    /// <summary>The request, or the 4xx status and Anthropic error type and message the real API would answer with. A
    /// token-counting request (<paramref name="countOnly"/>) takes no <c>max_tokens</c> or <c>stream</c>.</summary>
    public static (AnthropicFakeRequest? Request, int Status, string Type, string Message) Check(HttpRequest http, byte[] body, bool countOnly = false)
    {
        if (string.IsNullOrEmpty(http.Headers["x-api-key"]))
        {
            return (null, 401, "authentication_error", "x-api-key header is required");
        }

        if (string.IsNullOrEmpty(http.Headers["anthropic-version"]))
        {
            return (null, 400, "invalid_request_error", "anthropic-version: header is required");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, 400, "invalid_request_error", "The request body is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String)
            {
                return (null, 400, "invalid_request_error", "model: Field required");
            }

            var maxTokens = 0;
            if (countOnly)
            {
                if (root.TryGetProperty("max_tokens", out _) || root.TryGetProperty("stream", out _))
                {
                    return (null, 400, "invalid_request_error", "max_tokens, stream: Extra inputs are not permitted");
                }
            }
            else if (!root.TryGetProperty("max_tokens", out var max) || !max.TryGetInt32(out maxTokens) || maxTokens < 1)
            {
                return (null, 400, "invalid_request_error", "max_tokens: Field required");
            }

            if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
            {
                return (null, 400, "invalid_request_error", "messages: at least one message is required");
            }

            foreach (var message in messages.EnumerateArray())
            {
                var role = message.GetProperty("role").GetString();
                if (role is not ("user" or "assistant"))
                {
                    return (null, 400, "invalid_request_error", $"messages: Unexpected role \"{role}\". Use the top-level system parameter.");
                }

                var content = message.GetProperty("content");
                if (content.ValueKind == JsonValueKind.Array && content.GetArrayLength() == 0
                    || content.ValueKind == JsonValueKind.String && content.GetString()!.Length == 0)
                {
                    return (null, 400, "invalid_request_error", "messages: all messages must have non-empty content");
                }
            }

            var thinking = root.TryGetProperty("thinking", out var t) && t.GetProperty("type").GetString() == "enabled";
            if (thinking && (t.GetProperty("budget_tokens").GetInt32() is var budget && (budget < 1024 || budget >= maxTokens)))
            {
                return (null, 400, "invalid_request_error", "thinking.budget_tokens: must be ≥ 1024 and less than max_tokens");
            }

            if (thinking && LastAssistantCallsToolsWithoutThinking(messages) is { } at)
            {
                return (null, 400, "invalid_request_error",
                    $"messages.{at}.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start with a thinking block.");
            }

            var last = messages[messages.GetArrayLength() - 1].GetProperty("content");
            return (new AnthropicFakeRequest
            {
                Model = model.GetString()!,
                MaxTokens = maxTokens,
                Stream = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True,
                FirstToolName = root.TryGetProperty("tools", out var tools) && tools.GetArrayLength() > 0 ? tools[0].GetProperty("name").GetString() : null,
                LastMessageIsToolResult = last.ValueKind == JsonValueKind.Array
                    && last.EnumerateArray().Any(b => b.GetProperty("type").GetString() == "tool_result"),
                Thinking = thinking,
            }, 200, "", "");
        }
    }

    /// <summary>The index of the last assistant message when it calls tools without starting with its thinking block.</summary>
    private static int? LastAssistantCallsToolsWithoutThinking(JsonElement messages)
    {
        for (var i = messages.GetArrayLength() - 1; i >= 0; i--)
        {
            if (messages[i].GetProperty("role").GetString() != "assistant")
            {
                continue;
            }

            var content = messages[i].GetProperty("content");
            var callsTools = content.ValueKind == JsonValueKind.Array && content.EnumerateArray().Any(b => b.GetProperty("type").GetString() == "tool_use");
            var startsWithThinking = content.ValueKind == JsonValueKind.Array && content.GetArrayLength() > 0
                && content[0].GetProperty("type").GetString() is "thinking" or "redacted_thinking";
            return callsTools && !startsWithThinking ? i : null;
        }

        return null;
    }
}
