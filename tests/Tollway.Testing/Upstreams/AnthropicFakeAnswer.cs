using System.Text.Json;

namespace Tollway.Testing.Upstreams;

/// <summary>The answer decided for one Messages request, shared by its JSON and streamed forms.</summary>
internal sealed class AnthropicFakeAnswer
{
    public required string Id { get; init; }

    public required string Model { get; init; }

    public string? Thinking { get; init; }

    public string? Text { get; init; }

    public string? ToolName { get; init; }

    public string ToolUseId { get; } = FakeCompletion.NewId("toolu_");

    public required UpstreamUsage Usage { get; init; }

    public string StopReason => ToolName is not null ? "tool_use" : "end_turn";

    public static AnthropicFakeAnswer For(AnthropicFakeRequest request, int bodyLength, UpstreamFault? fault)
    {
        var tool = request.LastMessageIsToolResult ? null : request.FirstToolName;
        var text = tool is not null ? null : fault?.Content ?? (request.LastMessageIsToolResult ? FakeText.ToolResultContent : FakeText.DefaultContent);
        var usage = fault?.Usage ?? new UpstreamUsage(FakeCompletion.PromptTokensFor(bodyLength), FakeText.CountWords(text ?? FakeText.ToolArguments));
        return new AnthropicFakeAnswer
        {
            Id = FakeCompletion.NewId("msg_"),
            Model = request.Model,
            Thinking = request.Thinking ? FakeText.Thinking : null,
            Text = text,
            ToolName = tool,
            Usage = usage,
        };
    }

    /// <summary>Anthropic's <c>usage</c>: <c>input_tokens</c> excludes the cache writes and reads, reported apart.</summary>
    public void WriteUsage(Utf8JsonWriter json, bool outputOnly = false)
    {
        json.WriteStartObject("usage");
        if (!outputOnly)
        {
            WritePromptUsage(json);
        }

        json.WriteNumber("output_tokens", outputOnly ? Usage.CompletionTokens : 1);
        if (outputOnly)
        {
            // Anthropic reports the searches run once the message is done, in message_delta.
            WriteServerToolUse(json);
        }

        json.WriteEndObject();
    }

    public void WriteMessage(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("id", Id);
        json.WriteString("type", "message");
        json.WriteString("role", "assistant");
        json.WriteString("model", Model);
        json.WriteStartArray("content");
        if (Thinking is not null)
        {
            json.WriteStartObject();
            json.WriteString("type", "thinking");
            json.WriteString("thinking", Thinking);
            json.WriteString("signature", AnthropicFakeOperations.Signature);
            json.WriteEndObject();
        }

        if (Text is not null)
        {
            json.WriteStartObject();
            json.WriteString("type", "text");
            json.WriteString("text", Text);
            json.WriteEndObject();
        }

        if (ToolName is not null)
        {
            json.WriteStartObject();
            json.WriteString("type", "tool_use");
            json.WriteString("id", ToolUseId);
            json.WriteString("name", ToolName);
            json.WritePropertyName("input");
            json.WriteRawValue(FakeText.ToolArguments);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("stop_reason", StopReason);
        json.WriteNull("stop_sequence");
        json.WriteStartObject("usage");
        WritePromptUsage(json);
        json.WriteNumber("output_tokens", Usage.CompletionTokens);
        WriteServerToolUse(json);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WritePromptUsage(Utf8JsonWriter json)
    {
        json.WriteNumber("input_tokens", Usage.PromptTokens - Usage.CachedTokens - Usage.CacheWriteTokens);
        json.WriteNumber("cache_creation_input_tokens", Usage.CacheWriteTokens);
        json.WriteNumber("cache_read_input_tokens", Usage.CachedTokens);
        if (Usage.CacheWrite1hTokens is { } hour)
        {
            json.WriteStartObject("cache_creation");
            json.WriteNumber("ephemeral_5m_input_tokens", Usage.CacheWriteTokens - hour);
            json.WriteNumber("ephemeral_1h_input_tokens", hour);
            json.WriteEndObject();
        }
    }

    private void WriteServerToolUse(Utf8JsonWriter json)
    {
        if (Usage.WebSearchRequests is { } searches)
        {
            json.WriteStartObject("server_tool_use");
            json.WriteNumber("web_search_requests", searches);
            json.WriteEndObject();
        }
    }
}
