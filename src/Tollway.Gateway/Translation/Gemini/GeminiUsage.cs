using System.Text.Json;
using Tollway.Gateway.Proxy;

namespace Tollway.Gateway.Translation.Gemini;

/// <summary>
/// Gemini's <c>usageMetadata</c> as the gateway bills it: the prompt is <c>promptTokenCount</c> (which already includes
/// <c>cachedContentTokenCount</c>) plus <c>toolUsePromptTokenCount</c>; the output is <c>candidatesTokenCount</c> plus
/// <c>thoughtsTokenCount</c>, the thoughts billed as reasoning.
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
        return new TokenUsage(
            TokenUsage.Sum(Count(usage, "promptTokenCount"), Count(usage, "toolUsePromptTokenCount")),
            TokenUsage.Sum(Count(usage, "candidatesTokenCount"), thoughts),
            Count(usage, "cachedContentTokenCount"),
            thoughts);
    }

    private static int Count(JsonElement usage, string name) =>
        JsonBlocks.TryGet(usage, name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) ? Math.Max(count, 0) : 0;
}
