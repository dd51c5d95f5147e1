using System.Text.Json;

namespace Tollway.Gateway.Proxy;

/// <summary>Reads OpenAI's <c>usage</c> object from a response or a stream chunk, without building a document.</summary>
internal static class UsageReader
{
    /// <summary>Finds a non-null top-level <c>usage</c> object in a JSON object.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out TokenUsage usage)
    {
        usage = default;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUsage = reader.ValueTextEquals("usage"u8);
                reader.Read();
                if (isUsage && reader.TokenType == JsonTokenType.StartObject)
                {
                    usage = ReadUsageObject(ref reader);
                    return true;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // A malformed body has no usable usage; the caller treats the request as unmetered.
        }

        return false;
    }

    private static TokenUsage ReadUsageObject(ref Utf8JsonReader reader)
    {
        int prompt = 0, completion = 0, cached = 0, cacheWrite = 0, reasoning = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                prompt = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                completion = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                // OpenRouter reports prompt-cache writes beside the reads; both are part of prompt_tokens.
                (cached, cacheWrite) = ReadNested(ref reader, "cached_tokens"u8, "cache_write_tokens"u8);
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8))
            {
                reasoning = ReadNested(ref reader, "reasoning_tokens"u8, default).First;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new TokenUsage(prompt, completion, cached, reasoning, cacheWrite);
    }

    private static int ReadInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        var count = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value >= 0 ? value : 0;
        // An object or array where a count belongs is skipped whole; otherwise the members inside it would be read as
        // the usage object's own, and the counts after it lost.
        reader.Skip();
        return count;
    }

    /// <summary>Reads up to two counts from a nested object (an empty <paramref name="second"/> reads one).</summary>
    private static (int First, int Second) ReadNested(ref Utf8JsonReader reader, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        int firstValue = 0, secondValue = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(first))
            {
                firstValue = ReadInt(ref reader);
            }
            else if (!second.IsEmpty && reader.ValueTextEquals(second))
            {
                secondValue = ReadInt(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return (firstValue, secondValue);
    }
}
