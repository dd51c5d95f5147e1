using System.Text.Json;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// A chat completion's <c>modalities</c>. With <c>"audio"</c> in it, an audio model answers in speech, whose tokens the
/// provider bills inside <c>completion_tokens</c> far above text (gpt-4o-audio-preview: $80 per million against $10):
/// billed at the endpoint's output rate they would be served below their price, and no endpoint has a price for them,
/// so such a request is refused. Text (and images) are billed as output tokens.
/// </summary>
internal static class OutputModalities
{
    public const string Refusal = "'modalities' must be an array of strings without 'audio': this gateway cannot bill spoken answers.";

    /// <summary>Whether the value the reader is on can be billed: null, or an array of strings none of which is
    /// <c>audio</c>. Leaves the reader on the value's last token.</summary>
    public static bool IsBillable(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }

        var billable = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            billable &= reader.TokenType == JsonTokenType.String && !reader.ValueTextEquals("audio"u8);
            reader.Skip();
        }

        return billable;
    }
}
