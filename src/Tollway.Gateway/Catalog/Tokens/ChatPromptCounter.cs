using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>
/// Counts the billed prompt of a chat completions body in one pass of the reader: the strings of <c>messages</c>, the
/// raw JSON of the tool definitions and response schema, media allowances and the template framing of the family; and
/// what its media parts add beside their tokens (see <see cref="MediaAllowance"/>).
/// </summary>
internal static class ChatPromptCounter
{
    /// <summary>Counts from the root object the reader is on (its start) to the end of the body.</summary>
    public static long Count(
        ReadOnlySpan<byte> body, ref Utf8JsonReader reader, ModelFamily family, TokenCounter counter, WireFormat upstream, ref MediaTally media)
    {
        long tokens = family.ReplyPriming + family.TemplateAllowance;
        var hasTools = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("messages"u8))
            {
                reader.Read();
                tokens += CountMessages(ref reader, family, counter, upstream, ref media);
            }
            else if (reader.ValueTextEquals("tools"u8) || reader.ValueTextEquals("functions"u8))
            {
                // Tool definitions (and the legacy functions) are rendered into the prompt. Their raw JSON is at least
                // what the model sees: OpenAI renders them as a terser TypeScript-like namespace (the cookbook's tool
                // example is billed 68 tokens besides its messages; its JSON is 86), open templates paste the JSON.
                reader.Read();
                var definitions = CountRawValue(body, ref reader, counter);
                hasTools |= definitions > 0;
                tokens += definitions;
            }
            else if (reader.ValueTextEquals("response_format"u8))
            {
                // A json_schema response format is rendered into the prompt as well.
                reader.Read();
                tokens += CountRawValue(body, ref reader, counter);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return hasTools ? tokens + family.ToolsAllowance : tokens;
    }

    /// <summary>
    /// Every string inside <c>messages</c> is counted (role, content and text parts, name, tool calls' ids, names and
    /// arguments, tool_call_id, refusal): counting one the provider does not render costs a token or two, missing one
    /// it does would undercount. Media parts get their allowance instead of their strings, wherever they are (a tool's
    /// message may carry images), or mark the prompt unmeasured.
    /// </summary>
    private static long CountMessages(ref Utf8JsonReader reader, ModelFamily family, TokenCounter counter, WireFormat upstream, ref MediaTally media)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return 0;
        }

        long tokens = 0;
        var arrayDepth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > arrayDepth)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject when reader.CurrentDepth == arrayDepth + 1:
                    tokens += family.TokensPerMessage;
                    break;
                case JsonTokenType.PropertyName:
                    if (reader.CurrentDepth == arrayDepth + 2 && reader.ValueTextEquals("name"u8))
                    {
                        tokens += ModelFamily.TokensPerName;
                    }
                    else if (MediaAllowance.KindOf(ref reader) is var kind and not MediaKind.None)
                    {
                        reader.Read();
                        tokens += MediaAllowance.Measure(kind, ref reader, family, upstream, ref media);
                    }

                    break;
                case JsonTokenType.String:
                    tokens += counter.CountJsonString(ref reader);
                    break;
            }
        }

        return tokens;
    }

    /// <summary>Counts the JSON of the object or array the reader is on, as written; null and scalars count nothing.</summary>
    private static long CountRawValue(ReadOnlySpan<byte> body, ref Utf8JsonReader reader, TokenCounter counter)
    {
        if (reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.StartObject))
        {
            reader.Skip();
            return 0;
        }

        var start = (int)reader.TokenStartIndex;
        var empty = IsEmpty(reader);
        reader.Skip();
        return empty ? 0 : counter.CountUtf8(body[start..(int)reader.BytesConsumed]);
    }

    /// <summary>Whether the container the reader is on has nothing in it (a copy of the reader looks ahead).</summary>
    private static bool IsEmpty(Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject;
}
