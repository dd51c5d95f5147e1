using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation.Gemini;

/// <summary>
/// Gemini's <c>usageMetadata</c> as the gateway bills it: the prompt is <c>promptTokenCount</c> (which already includes
/// <c>cachedContentTokenCount</c>) plus <c>toolUsePromptTokenCount</c>; the output is <c>candidatesTokenCount</c> plus
/// <c>thoughtsTokenCount</c>, the thoughts billed as reasoning. The <c>AUDIO</c> entries of the per-modality details
/// (<c>promptTokensDetails</c>, <c>toolUsePromptTokensDetails</c>, <c>cacheTokensDetails</c>) are the audio tokens,
/// billed at the audio rate; without <c>promptTokensDetails</c> the report does not say.
/// </summary>
internal static class GeminiUsage
{
    public static TokenUsage? Read(JsonElement response)
    {
        if (!JsonBlocks.TryGet(response, "usageMetadata", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var thoughts = Count(usage, "thoughtsTokenCount");
        var cached = Count(usage, "cachedContentTokenCount");
        return new TokenUsage(
            TokenUsage.Sum(Count(usage, "promptTokenCount"), Count(usage, "toolUsePromptTokenCount")),
            TokenUsage.Sum(Count(usage, "candidatesTokenCount"), thoughts),
            cached,
            thoughts)
        {
            AudioTokens = Audio(usage, "promptTokensDetails") is { } prompt ? TokenUsage.Sum(prompt, Audio(usage, "toolUsePromptTokensDetails") ?? 0) : null,
            CachedAudioTokens = Audio(usage, "cacheTokensDetails"),
        };
    }

    private static int Count(JsonElement usage, string name) =>
        JsonBlocks.TryGet(usage, name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) ? Math.Max(count, 0) : 0;

    /// <summary>The <c>AUDIO</c> tokens of a list of <c>{modality, tokenCount}</c>, or <see langword="null"/> without one.</summary>
    private static int? Audio(JsonElement usage, string details)
    {
        if (!JsonBlocks.TryGet(usage, details, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var audio = 0;
        foreach (var entry in list.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object && JsonBlocks.String(entry, "modality") == "AUDIO")
            {
                audio = TokenUsage.Sum(audio, Count(entry, "tokenCount"));
            }
        }

        return audio;
    }
}
