using System.Text.Json;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// The rule the optional members the inspector reads share (<c>service_tier</c>, <c>web_search_options</c>): a null
/// value is the provider's default and asks for nothing, and a value of any other type than the member's is refused —
/// skipped, so the reader stays on its last token as after a value that is read.
/// </summary>
internal static class OptionalMember
{
    /// <summary>Whether the value the reader is on has the <paramref name="expected"/> type and is to be read; when not,
    /// <paramref name="verdict"/> is the answer: <see langword="false"/> (nothing asked) for null, <see langword="null"/>
    /// (refused) for any other type.</summary>
    public static bool IsToRead(ref Utf8JsonReader reader, JsonTokenType expected, out bool? verdict)
    {
        verdict = false;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        if (reader.TokenType == expected)
        {
            return true;
        }

        reader.Skip();
        verdict = null;
        return false;
    }
}
