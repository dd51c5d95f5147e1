using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>
/// Writes an OpenAI chat completion request as a Messages API request (<c>POST /v1/messages</c>): the messages
/// regrouped (<see cref="AnthropicConversation"/>), <c>max_tokens</c> always set, stop sequences, sampling, tools and
/// <c>tool_choice</c>, the reasoning request as a <c>thinking</c> budget (not where a tool call is continued), and
/// <c>user</c> as <c>metadata.user_id</c>.
/// Members the Messages API has no place for (<c>n</c>, <c>logprobs</c>, <c>seed</c>, penalties, <c>response_format</c>…)
/// are left out.
/// </summary>
internal static class AnthropicRequestWriter
{
    /// <summary>The smallest thinking budget the API accepts.</summary>
    public const int MinimumThinkingBudget = 1024;

    /// <param name="body">The OpenAI request.</param>
    /// <param name="upstreamModel">The provider's model id.</param>
    /// <param name="maxTokens">The request's maximum output, else the endpoint's, else the gateway's default: the Messages
    /// API requires one.</param>
    public static TranslatedRequest Write(ReadOnlyMemory<byte> body, string upstreamModel, int maxTokens)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var conversation = new AnthropicConversation();
        if (conversation.Read(root.GetProperty("messages")) is { } error)
        {
            return TranslatedRequest.Refused(error);
        }

        var reasoning = ReasoningRequest.Read(root);
        // A request that continues a tool call goes without thinking: Anthropic refuses thinking there unless the call's
        // own signed thinking block comes back, and OpenAI's format cannot carry it.
        var thinkingBudget = reasoning.Requested && !reasoning.Disabled && maxTokens > MinimumThinkingBudget && !conversation.LastAssistantTurnCallsTools
            ? Math.Clamp(reasoning.BudgetWithin(maxTokens), MinimumThinkingBudget, maxTokens - 1)
            : 0;
        var state = (root, conversation, upstreamModel, maxTokens, thinkingBudget);
        return new TranslatedRequest(JsonBlocks.Body(body.Length + 256, state, static (writer, s) =>
        {
            writer.WriteStartObject();
            writer.WriteString("model"u8, s.upstreamModel);
            writer.WriteNumber("max_tokens"u8, s.maxTokens);
            WriteSystem(writer, s.conversation);
            WriteMessages(writer, s.conversation);
            WriteSampling(writer, s.root, thinking: s.thinkingBudget > 0);
            AnthropicToolsWriter.Write(writer, s.root);
            if (s.thinkingBudget > 0)
            {
                writer.WriteStartObject("thinking"u8);
                writer.WriteString("type"u8, "enabled");
                writer.WriteNumber("budget_tokens"u8, s.thinkingBudget);
                writer.WriteEndObject();
            }

            if (JsonBlocks.String(s.root, "user") is { Length: > 0 } user)
            {
                writer.WriteStartObject("metadata"u8);
                writer.WriteString("user_id"u8, user);
                writer.WriteEndObject();
            }

            if (JsonBlocks.TryGet(s.root, "stream", out var stream) && stream.ValueKind == JsonValueKind.True)
            {
                writer.WriteBoolean("stream"u8, true);
            }

            writer.WriteEndObject();
        }), null);
    }

    private static void WriteSystem(Utf8JsonWriter writer, AnthropicConversation conversation)
    {
        if (conversation.System.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("system"u8);
        foreach (var block in conversation.System)
        {
            writer.WriteRawValue(block, skipInputValidation: true);
        }

        writer.WriteEndArray();
    }

    private static void WriteMessages(Utf8JsonWriter writer, AnthropicConversation conversation)
    {
        writer.WriteStartArray("messages"u8);
        foreach (var (role, blocks) in conversation.Turns)
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, role);
            writer.WriteStartArray("content"u8);
            foreach (var block in blocks)
            {
                writer.WriteRawValue(block, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Stop sequences, and temperature (clamped to Anthropic's 0–1), <c>top_p</c> and <c>top_k</c> unless
    /// thinking is on, which the API allows only with its own defaults.</summary>
    private static void WriteSampling(Utf8JsonWriter writer, JsonElement root, bool thinking)
    {
        var stops = JsonBlocks.StopSequences(root);
        if (stops.Count > 0)
        {
            writer.WriteStartArray("stop_sequences"u8);
            foreach (var stop in stops)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
        }

        if (thinking)
        {
            return;
        }

        if (JsonBlocks.TryGet(root, "temperature", out var temperature) && temperature.TryGetDouble(out var value))
        {
            writer.WriteNumber("temperature"u8, Math.Clamp(value, 0, 1));
        }

        JsonBlocks.CopyScalar(root, "top_p", writer, "top_p");
        JsonBlocks.CopyScalar(root, "top_k", writer, "top_k");
    }
}
