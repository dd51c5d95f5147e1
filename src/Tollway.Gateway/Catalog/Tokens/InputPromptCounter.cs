using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>
/// Counts the billed input of a completions body (<c>prompt</c>, and <c>suffix</c> where a model inserts text) or an
/// embeddings body (<c>input</c>): a string, an array of strings, an array of token ids or an array of such arrays.
/// </summary>
internal static class InputPromptCounter
{
    /// <summary>Counts from the root object the reader is on (its start) to the end of the body.</summary>
    public static long Count(ref Utf8JsonReader reader, GatewayOperation operation, ModelFamily family, TokenCounter counter)
    {
        long tokens = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isInput = operation == GatewayOperation.Embeddings
                ? reader.ValueTextEquals("input"u8)
                : reader.ValueTextEquals("prompt"u8) || reader.ValueTextEquals("suffix"u8);
            reader.Read();
            if (isInput)
            {
                tokens += CountInput(ref reader, family, counter);
            }
            else
            {
                reader.Skip();
            }
        }

        return tokens;
    }

    private static long CountInput(ref Utf8JsonReader reader, ModelFamily family, TokenCounter counter)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return family.TokensPerInput + counter.CountJsonString(ref reader);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return 0;
        }

        long tokens = 0;
        var bareIds = false;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            // Each element is one input (a string or an array of ids), and each may get its own BOS/EOS; an array of
            // bare ids is a single input.
            if (reader.CurrentDepth == depth + 1 && StartsInput(reader.TokenType, bareIds))
            {
                bareIds |= reader.TokenType == JsonTokenType.Number;
                tokens += family.TokensPerInput;
            }

            tokens += reader.TokenType switch
            {
                // A token id is a token, whatever the tokenizer.
                JsonTokenType.Number => 1,
                JsonTokenType.String => counter.CountJsonString(ref reader),
                _ => 0,
            };
        }

        return tokens;
    }

    private static bool StartsInput(JsonTokenType token, bool inBareIds) =>
        token is JsonTokenType.String or JsonTokenType.StartArray || (token == JsonTokenType.Number && !inBareIds);
}
