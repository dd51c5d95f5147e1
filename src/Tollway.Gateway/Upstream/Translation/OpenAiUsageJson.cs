using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation;

/// <summary>
/// Writes token counts as OpenAI's <c>usage</c> object, the form the gateway bills from: prompt tokens include the
/// cached and cache-write ones (<c>prompt_tokens_details.cached_tokens</c> / <c>cache_write_tokens</c>, as OpenRouter
/// reports them) and the audio ones (<c>audio_tokens</c>, and the cached part of them as OpenAI's realtime usage writes
/// it, <c>cached_tokens_details.audio_tokens</c>), and completion tokens include reasoning ones.
/// </summary>
internal static class OpenAiUsageJson
{
    public static void Write(Utf8JsonWriter writer, TokenUsage usage)
    {
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, usage.PromptTokens);
        writer.WriteNumber("completion_tokens"u8, usage.CompletionTokens);
        writer.WriteNumber("total_tokens"u8, usage.TotalTokens);
        writer.WriteStartObject("prompt_tokens_details"u8);
        writer.WriteNumber("cached_tokens"u8, usage.CachedTokens);
        if (usage.CacheWriteTokens > 0)
        {
            writer.WriteNumber("cache_write_tokens"u8, usage.CacheWriteTokens);
        }

        if (usage.AudioTokens is { } audio)
        {
            writer.WriteNumber("audio_tokens"u8, audio);
        }

        if (usage.CachedAudioTokens is { } cachedAudio)
        {
            writer.WriteStartObject("cached_tokens_details"u8);
            writer.WriteNumber("audio_tokens"u8, cachedAudio);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details"u8);
        writer.WriteNumber("reasoning_tokens"u8, usage.ReasoningTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
