using System.Text.Json;

namespace Tollway.Testing.Upstreams;

/// <summary>Writes the <c>usage</c> objects in the shapes OpenAI uses per operation.</summary>
internal static class UsageJson
{
    /// <summary>Chat usage, with the detail objects the official SDKs surface (cached and reasoning tokens).</summary>
    public static void WriteChat(Utf8JsonWriter json, UpstreamUsage usage)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", usage.PromptTokens);
        json.WriteNumber("completion_tokens", usage.CompletionTokens);
        json.WriteNumber("total_tokens", usage.TotalTokens);
        json.WriteStartObject("prompt_tokens_details");
        json.WriteNumber("cached_tokens", usage.CachedTokens);
        json.WriteNumber("audio_tokens", usage.AudioTokens ?? 0);
        if (usage.CacheWriteTokens > 0)
        {
            // As OpenRouter reports prompt-cache writes of the providers that bill them.
            json.WriteNumber("cache_write_tokens", usage.CacheWriteTokens);
        }

        json.WriteEndObject();
        json.WriteStartObject("completion_tokens_details");
        json.WriteNumber("reasoning_tokens", usage.ReasoningTokens);
        json.WriteNumber("audio_tokens", 0);
        json.WriteNumber("accepted_prediction_tokens", 0);
        json.WriteNumber("rejected_prediction_tokens", 0);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Legacy completions usage: the three totals only.</summary>
    public static void WriteText(Utf8JsonWriter json, UpstreamUsage usage)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", usage.PromptTokens);
        json.WriteNumber("completion_tokens", usage.CompletionTokens);
        json.WriteNumber("total_tokens", usage.TotalTokens);
        json.WriteEndObject();
    }

    /// <summary>Embeddings usage: no completion side.</summary>
    public static void WriteEmbeddings(Utf8JsonWriter json, int promptTokens)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", promptTokens);
        json.WriteNumber("total_tokens", promptTokens);
        json.WriteEndObject();
    }
}
