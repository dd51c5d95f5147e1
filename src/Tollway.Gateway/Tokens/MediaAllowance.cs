using System.Text.Json;

namespace Tollway.Gateway.Tokens;

/// <summary>
/// What a non-text content part (<c>image_url</c>, <c>input_audio</c>, <c>file</c>) adds to a prompt. Its base64 data is
/// never tokenized: a provider bills media by what it decodes to, not by its characters.
/// </summary>
internal static class MediaAllowance
{
    // Audio is billed by duration, which no fixed figure bounds, so the allowance grows with the data instead. OpenAI
    // meters audio at 1 token per 100 ms of input (1 per 50 ms of output); the leanest format it accepts, MP3, goes down
    // to 8 kbit/s, 1,000 bytes a second, 1,333 base64 chars. So 20 tokens a second (twice the input rate) can never
    // need more than one token per 64 base64 chars. The fixed part covers the part's own framing.
    private const int AudioBaseTokens = 64;
    private const int AudioBase64CharsPerToken = 64;

    /// <summary>The key of a content part that holds media, or <see cref="MediaKind.None"/>.</summary>
    public static MediaKind KindOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("image_url"u8) ? MediaKind.Image
        : reader.ValueTextEquals("input_audio"u8) ? MediaKind.Audio
        : reader.ValueTextEquals("file"u8) ? MediaKind.File
        : MediaKind.None;

    /// <summary>Tokens for the media value the reader is on; leaves the reader on the value's last token.</summary>
    public static long Measure(MediaKind kind, ref Utf8JsonReader reader, ModelFamily family)
    {
        var payload = PayloadChars(ref reader);
        return kind switch
        {
            // An image's cost depends only on its (capped) dimensions: the family's largest high-detail image bounds it.
            MediaKind.Image => family.ImageTokens,
            MediaKind.Audio => AudioBaseTokens + (payload / AudioBase64CharsPerToken) + 1,

            // A PDF is billed as an image of each page plus its extracted text. Held: one page image, plus one token
            // per decoded byte for the text (the UTF-8 byte rule). That is an estimate, not a bound: pages cost more
            // than their bytes when they share fonts, and a file_id carries no payload at all. Bounding those needs
            // the PDF parsed or the model's context window; the usage the provider reports settles the difference.
            _ => family.ImageTokens + (payload * 3 / 4),
        };
    }

    /// <summary>Characters of every string in the value (its base64 data above all), read but not decoded.</summary>
    private static long PayloadChars(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.ValueSpan.Length;
        }

        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return 0;
        }

        long chars = 0;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                chars += reader.ValueSpan.Length;
            }
        }

        return chars;
    }
}
