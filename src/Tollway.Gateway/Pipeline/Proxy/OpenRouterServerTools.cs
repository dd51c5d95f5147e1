using System.Text.Json;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// OpenRouter's server tools in a chat completion's <c>tools</c> (<c>openrouter:web_search</c>,
/// <c>openrouter:web_fetch</c>, …): OpenRouter runs them as often as the model asks and bills every run, so nothing in
/// the request bounds their fees, and they are refused rather than served free.
/// </summary>
internal static class OpenRouterServerTools
{
    public const string Refusal =
        "OpenRouter's server tools (types 'openrouter:…') are billed per use, which this gateway cannot bound, so they are not served.";

    /// <summary>Whether a tool of the array the reader is on (read on a copy) has such a type.</summary>
    public static bool Any(Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 2 && reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && IsOpenRouterType(ref reader))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsOpenRouterType(ref Utf8JsonReader reader) => reader.ValueIsEscaped
        ? (reader.GetString() ?? "").StartsWith("openrouter:", StringComparison.OrdinalIgnoreCase)
        : reader.ValueSpan.Length >= 11 && System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan[..11], "openrouter:"u8);
}
