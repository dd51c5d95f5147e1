using System.Text.Json;

namespace Tollway.Gateway.Wire;

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
        int? audio = null, cachedAudio = null;
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
                // OpenRouter reports prompt-cache writes beside the reads; both are part of prompt_tokens, and so is audio.
                (cached, cacheWrite, audio, cachedAudio) = ReadPromptDetails(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8))
            {
                reasoning = ReadNested(ref reader, "reasoning_tokens"u8);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new TokenUsage(prompt, completion, cached, reasoning, cacheWrite) { AudioTokens = audio, CachedAudioTokens = cachedAudio };
    }

    /// <summary>The cached, cache-write and audio tokens of <c>prompt_tokens_details</c>, and the cached audio ones
    /// (<c>cached_tokens_details.audio_tokens</c>, as OpenAI's realtime usage writes them); audio is
    /// <see langword="null"/> unless the report itemizes it.</summary>
    private static (int Cached, int CacheWrite, int? Audio, int? CachedAudio) ReadPromptDetails(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        int cached = 0, cacheWrite = 0;
        int? audio = null, cachedAudio = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("cached_tokens"u8))
            {
                cached = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("cache_write_tokens"u8))
            {
                cacheWrite = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("audio_tokens"u8))
            {
                // Only a count itemizes audio: a null is a report that does not say.
                var copy = reader;
                audio = copy.Read() && copy.TokenType == JsonTokenType.Number ? ReadInt(ref reader) : SkipValue(ref reader);
            }
            else if (reader.ValueTextEquals("cached_tokens_details"u8))
            {
                cachedAudio = ReadNested(ref reader, "audio_tokens"u8);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return (cached, cacheWrite, audio, cachedAudio);
    }

    private static int? SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
        return null;
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

    /// <summary>Reads one count from a nested object.</summary>
    private static int ReadNested(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return 0;
        }

        var value = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name))
            {
                value = ReadInt(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return value;
    }
}
