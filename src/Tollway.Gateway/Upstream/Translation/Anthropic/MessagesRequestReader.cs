using System.Text.Json;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>
/// Reads an Anthropic Messages request — its <c>system</c> and <c>messages</c> checked first as Anthropic checks them
/// (<see cref="MessagesCheck"/>) — and writes the equivalent chat completion: <c>system</c> as a system message,
/// <c>tool_result</c> blocks as tool messages, <c>tool_use</c> blocks as assistant tool calls, images as
/// <c>image_url</c> parts (base64 as data URLs), <c>stop_sequences</c>, sampling, tools and <c>tool_choice</c>,
/// <c>metadata.user_id</c> as <c>user</c>, and streams asking for the usage chunk. <c>max_tokens</c> is kept apart
/// (<see cref="MessagesRequest.MaxTokens"/>): each provider gets the limit held for it in the member it reads. Thinking blocks of earlier turns,
/// documents and server tools have no chat completion form and are left out (an Anthropic provider gets the body as it
/// came, and it is counted as it came: see <see cref="Catalog.Tokens.IPromptTokenEstimator.EstimateMessagesPromptTokens"/>);
/// the thinking budget is kept apart for providers that take one, and the features priced apart from tokens (server
/// tools, 1-hour cache writes) are read for billing.
/// </summary>
internal static class MessagesRequestReader
{
    /// <summary>The top-level members the gateway reads to route, price, hold or translate (<c>model</c> and
    /// <c>max_tokens</c> first, whose places <see cref="TopLevel"/> records).</summary>
    private static readonly string[] ActedOn = ["model", "max_tokens", "messages", "system", "stream", "thinking", "tools", "mcp_servers"];

    /// <param name="body">The request as the client sent it.</param>
    /// <param name="requireMaxTokens">Messages requests must name <c>max_tokens</c>; token-counting requests need not.</param>
    public static MessagesRequest Read(ReadOnlyMemory<byte> body, bool requireMaxTokens = true)
    {
        if (JsonTextCheck.FindProblem(body.Span) is { } badText)
        {
            return MessagesRequest.Invalid(badText);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            return MessagesRequest.Invalid($"The request body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return MessagesRequest.Invalid("The request body must be a JSON object.");
            }

            var (modelValue, maxTokensValue, twice) = TopLevel(body.Span);
            if (twice is not null)
            {
                return MessagesRequest.Invalid($"{twice}: appears more than once.", twice);
            }

            if (modelValue is null)
            {
                return MessagesRequest.Invalid("model: Field required (a string).", "model");
            }

            return Check(root, requireMaxTokens, out var maxTokens) ?? Translate(root, body, modelValue.Value, maxTokensValue, maxTokens);
        }
    }

    /// <summary>The first check of <c>model</c>, <c>messages</c> and <c>max_tokens</c> that fails, in this order, as an
    /// invalid request; <see langword="null"/> when all pass, with <paramref name="maxTokens"/> read.</summary>
    private static MessagesRequest? Check(JsonElement root, bool requireMaxTokens, out int? maxTokens)
    {
        maxTokens = null;
        if (JsonBlocks.String(root, "model") is not { Length: <= CatalogModel.MaxIdLength })
        {
            return MessagesRequest.Invalid($"model: longer than {CatalogModel.MaxIdLength} characters.", "model");
        }

        if (!JsonBlocks.TryGet(root, "messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return MessagesRequest.Invalid("messages: Field required (an array).", "messages");
        }

        if (MessagesCheck.Check(root, messages) is { } problem)
        {
            return MessagesRequest.Invalid(problem.Message, problem.Param);
        }

        maxTokens = JsonBlocks.PositiveInt(root, "max_tokens");
        return requireMaxTokens && maxTokens is null
            ? MessagesRequest.Invalid("max_tokens: Field required (a positive integer).", "max_tokens")
            : null;
    }

    /// <summary>The checked request as a chat completion, with what routing, pricing and the Anthropic provider read
    /// apart: the places of <c>model</c> and <c>max_tokens</c> in the client's bytes, the thinking budget, the features
    /// priced apart from tokens.</summary>
    private static MessagesRequest Translate(JsonElement root, ReadOnlyMemory<byte> body, Range modelValue, Range? maxTokensValue, int? maxTokens)
    {
        var thinking = JsonBlocks.TryGet(root, "thinking", out var t) && JsonBlocks.String(t, "type") == "enabled"
            ? JsonBlocks.PositiveInt(t, "budget_tokens")
            : null;
        var chat = JsonBlocks.Body(body.Length + 256, root, static (w, r) => WriteChat(w, r));
        var (features, refusal) = ServerTools.Read(root);
        return new MessagesRequest(chat, modelValue, thinking, null)
        {
            MaxTokens = maxTokens,
            MaxTokensValue = maxTokensValue ?? default,
            Model = JsonBlocks.String(root, "model"),
            Features = features with { CacheWrites1h = CacheLifetimes.AsksForLongCacheWrites(body.Span) },
            FeatureRefusal = refusal,
        };
    }

    private static void WriteChat(Utf8JsonWriter w, JsonElement r)
    {
        w.WriteStartObject();
        w.WriteString("model"u8, JsonBlocks.String(r, "model"));
        w.WriteStartArray("messages"u8);
        ChatMessagesWriter.WriteSystem(w, r);
        foreach (var message in r.GetProperty("messages").EnumerateArray())
        {
            ChatMessagesWriter.Write(w, message);
        }

        w.WriteEndArray();
        WriteParameters(w, r);
        w.WriteEndObject();
    }

    private static void WriteParameters(Utf8JsonWriter w, JsonElement root)
    {
        JsonBlocks.CopyScalar(root, "temperature", w, "temperature");
        JsonBlocks.CopyScalar(root, "top_p", w, "top_p");
        var stops = JsonBlocks.TryGet(root, "stop_sequences", out var s) && s.ValueKind == JsonValueKind.Array ? s : default;
        if (stops.ValueKind == JsonValueKind.Array && stops.GetArrayLength() > 0)
        {
            w.WritePropertyName("stop"u8);
            stops.WriteTo(w);
        }

        if (JsonBlocks.TryGet(root, "stream", out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            w.WriteBoolean("stream"u8, true);
            // An Anthropic stream always ends with its usage in message_delta.
            w.WriteStartObject("stream_options"u8);
            w.WriteBoolean("include_usage"u8, true);
            w.WriteEndObject();
        }

        ChatToolsWriter.Write(w, root);
        if (JsonBlocks.TryGet(root, "metadata", out var metadata) && JsonBlocks.String(metadata, "user_id") is { } user)
        {
            w.WriteString("user"u8, user);
        }
    }

    /// <summary>
    /// Where the top-level <c>model</c> string (when it is a non-empty one) and <c>max_tokens</c> number sit in the
    /// client's bytes, so an Anthropic provider gets them replaced and every other byte as it came; or the member the
    /// gateway acts on that appears twice (refused: the provider may read the copy the gateway did not).
    /// </summary>
    private static (Range? Model, Range? MaxTokens, string? Twice) TopLevel(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        Range? model = null, maxTokens = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = ActedOnIndex(ref reader);
            if (member >= 0 && (seen & (1 << member)) != 0)
            {
                return (null, null, ActedOn[member]);
            }

            seen |= member >= 0 ? 1 << member : 0;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (member == 0 && reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0)
            {
                model = start..(start + reader.ValueSpan.Length + 2);
            }
            else if (member == 1 && reader.TokenType == JsonTokenType.Number)
            {
                maxTokens = start..(start + reader.ValueSpan.Length);
            }

            reader.Skip();
        }

        return (model, maxTokens, null);
    }

    private static int ActedOnIndex(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < ActedOn.Length; i++)
        {
            if (reader.ValueTextEquals(ActedOn[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
