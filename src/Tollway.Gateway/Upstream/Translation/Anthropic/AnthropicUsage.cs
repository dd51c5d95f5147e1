using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>
/// Anthropic's usage counts. Its <c>input_tokens</c> leaves out the tokens written to and read from the prompt cache,
/// where OpenAI's <c>prompt_tokens</c> includes them: the prompt is their sum, and each part is billed at its own rate.
/// <c>cache_creation.ephemeral_1h_input_tokens</c> itemizes the writes kept for an hour (billed dearer), and
/// <c>server_tool_use.web_search_requests</c> the searches (billed per search). A stream reports them in pieces
/// (<c>message_start</c>, then <c>message_delta</c>); later values replace earlier ones.
/// </summary>
internal sealed class AnthropicUsage
{
    public int? InputTokens { get; set; }

    public int? OutputTokens { get; set; }

    public int? CacheCreationInputTokens { get; set; }

    public int? CacheReadInputTokens { get; set; }

    public int? CacheCreation1hInputTokens { get; set; }

    public int? WebSearchRequests { get; set; }

    public bool IsEmpty => InputTokens is null && OutputTokens is null;

    public TokenUsage ToTokenUsage()
    {
        var write = CacheCreationInputTokens ?? 0;
        var read = CacheReadInputTokens ?? 0;
        return new TokenUsage(
            TokenUsage.Sum(TokenUsage.Sum(InputTokens ?? 0, write), read), Math.Max(OutputTokens ?? 0, 0), Math.Max(read, 0), 0, Math.Max(write, 0),
            CacheCreation1hInputTokens is { } hour ? Math.Max(hour, 0) : null, WebSearchRequests is { } searches ? Math.Max(searches, 0) : null);
    }

    /// <summary>Reads the members of a <c>usage</c> object the reader is on (its start), leaving it on the end.</summary>
    public void Read(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("cache_creation"u8))
            {
                CacheCreation1hInputTokens = ReadNested(ref reader, "ephemeral_1h_input_tokens"u8) ?? CacheCreation1hInputTokens;
                continue;
            }

            if (reader.ValueTextEquals("server_tool_use"u8))
            {
                WebSearchRequests = ReadNested(ref reader, "web_search_requests"u8) ?? WebSearchRequests;
                continue;
            }

            var target = reader.ValueTextEquals("input_tokens"u8) ? 0
                : reader.ValueTextEquals("output_tokens"u8) ? 1
                : reader.ValueTextEquals("cache_creation_input_tokens"u8) ? 2
                : reader.ValueTextEquals("cache_read_input_tokens"u8) ? 3
                : -1;
            reader.Read();
            if (target < 0 || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
            {
                reader.Skip();
                continue;
            }

            switch (target)
            {
                case 0: InputTokens = value; break;
                case 1: OutputTokens = value; break;
                case 2: CacheCreationInputTokens = value; break;
                default: CacheReadInputTokens = value; break;
            }
        }
    }

    /// <summary>Takes the counts <paramref name="later"/> reports, keeping the others.</summary>
    public void MergeFrom(AnthropicUsage? later)
    {
        if (later is null)
        {
            return;
        }

        InputTokens = later.InputTokens ?? InputTokens;
        OutputTokens = later.OutputTokens ?? OutputTokens;
        CacheCreationInputTokens = later.CacheCreationInputTokens ?? CacheCreationInputTokens;
        CacheReadInputTokens = later.CacheReadInputTokens ?? CacheReadInputTokens;
        CacheCreation1hInputTokens = later.CacheCreation1hInputTokens ?? CacheCreation1hInputTokens;
        WebSearchRequests = later.WebSearchRequests ?? WebSearchRequests;
    }

    /// <summary>Reads a <c>usage</c> element of a whole response.</summary>
    public static AnthropicUsage From(JsonElement usage) => new()
    {
        InputTokens = Count(usage, "input_tokens"),
        OutputTokens = Count(usage, "output_tokens"),
        CacheCreationInputTokens = Count(usage, "cache_creation_input_tokens"),
        CacheReadInputTokens = Count(usage, "cache_read_input_tokens"),
        CacheCreation1hInputTokens = JsonBlocks.TryGet(usage, "cache_creation", out var creation) ? Count(creation, "ephemeral_1h_input_tokens") : null,
        WebSearchRequests = JsonBlocks.TryGet(usage, "server_tool_use", out var tools) ? Count(tools, "web_search_requests") : null,
    };

    /// <summary>One count of the object member the reader is on (its name), leaving the reader on the member's end.</summary>
    private static int? ReadNested(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        int? count = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var wanted = reader.ValueTextEquals(name);
            reader.Read();
            if (wanted && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
            {
                count = value;
            }

            reader.Skip();
        }

        return count;
    }

    private static int? Count(JsonElement usage, string name) =>
        JsonBlocks.TryGet(usage, name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) ? count : null;
}
