using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>
/// An OpenAI <c>usage</c> object written as Anthropic's: <c>input_tokens</c> without the cached and cache-write tokens
/// (which Anthropic counts apart), those two, <c>output_tokens</c>, and the gateway's cost members carried over.
/// </summary>
internal static class OpenAiUsageFields
{
    public static void WriteAnthropicUsage(Utf8JsonWriter writer, JsonElement usage)
    {
        var prompt = Count(usage, "prompt_tokens");
        var completion = Count(usage, "completion_tokens");
        var details = usage.ValueKind == JsonValueKind.Object && usage.TryGetProperty("prompt_tokens_details", out var d) ? d : default;
        var cached = Count(details, "cached_tokens");
        var cacheWrite = Count(details, "cache_write_tokens");
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("input_tokens"u8, Math.Max(prompt - cached - cacheWrite, 0));
        writer.WriteNumber("cache_creation_input_tokens"u8, cacheWrite);
        writer.WriteNumber("cache_read_input_tokens"u8, cached);
        writer.WriteNumber("output_tokens"u8, completion);
        foreach (var name in (ReadOnlySpan<string>)["cost", "is_estimated", "cost_details"])
        {
            if (usage.ValueKind == JsonValueKind.Object && usage.TryGetProperty(name, out var value))
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static int Count(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) ? count : 0;
}
