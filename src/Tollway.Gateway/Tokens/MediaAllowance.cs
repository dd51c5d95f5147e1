using System.Text;
using System.Text.Json;
using Tollway.Gateway.Providers;

namespace Tollway.Gateway.Tokens;

/// <summary>
/// What a non-text content part (<c>image_url</c>, <c>input_audio</c>, <c>file</c>, a video or audio reference) adds to
/// a prompt, or that nothing in the request bounds it. Base64 data is never tokenized: a provider bills media by what
/// it decodes to, not by its characters.
/// </summary>
internal static class MediaAllowance
{
    // OpenAI meters audio input at 1 token per 100 ms and accepts it as wav or mp3 only; the leanest of those, MP3,
    // goes down to 8 kbit/s, 1,000 bytes a second, 1,333 base64 chars. So 20 tokens a second (twice the input rate) can
    // never need more than one token per 64 base64 chars. The fixed part covers the part's own framing.
    private const int AudioBaseTokens = 64;
    private const int AudioBase64CharsPerToken = 64;

    /// <summary>The key of a content part that holds media, or <see cref="MediaKind.None"/>.</summary>
    public static MediaKind KindOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("image_url"u8) ? MediaKind.Image
        : reader.ValueTextEquals("input_audio"u8) ? MediaKind.Audio
        : reader.ValueTextEquals("file"u8) ? MediaKind.File
        : reader.ValueTextEquals("video_url"u8) || reader.ValueTextEquals("input_video"u8) || reader.ValueTextEquals("audio_url"u8)
            ? MediaKind.Recording
        : MediaKind.None;

    /// <summary>
    /// Tokens for the media value the reader is on, or <see langword="null"/> when nothing in the request bounds what the
    /// provider bills for it; leaves the reader on the value's last token.
    /// </summary>
    public static long? Measure(MediaKind kind, ref Utf8JsonReader reader, ModelFamily family, WireFormat upstream)
    {
        switch (kind)
        {
            case MediaKind.Image:
                // An image's cost depends only on its (capped) dimensions: the family's largest image bounds it.
                return IsImage(ref reader, upstream) ? family.ImageTokens : null;
            case MediaKind.Audio when family.BoundsAudio:
                return AudioBaseTokens + (PayloadChars(ref reader) / AudioBase64CharsPerToken) + 1;
            default:
                // A document is billed as an image of each page plus its extracted text, which compressed streams make
                // far larger than its bytes, and a file_id carries no payload at all; audio outside OpenAI's formats
                // and rates, video, and media by reference are billed by a length the request does not give.
                reader.Skip();
                return null;
        }
    }

    /// <summary>Whether an <c>image_url</c> value (a URL, or an object with one) can only be an image.</summary>
    private static bool IsImage(ref Utf8JsonReader reader, WireFormat upstream)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return IsImageUrl(ref reader, upstream);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return true;
        }

        // Every url member is looked at: of a repeated one, the provider may read either.
        var image = true;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("url"u8))
            {
                reader.Read();
                image &= reader.TokenType != JsonTokenType.String || IsImageUrl(ref reader, upstream);
                reader.Skip();
            }
        }

        return image;
    }

    /// <summary>
    /// A data URL says what it holds: only an <c>image/</c> one is an image (a PDF, audio or video in one is billed as
    /// what it is). Any other URL is fetched by the provider: OpenAI's, Anthropic's and the open servers fetch images
    /// only, but a Gemini provider takes it as <c>fileData</c>, which may name any file — a video, a recording, a document.
    /// </summary>
    private static bool IsImageUrl(ref Utf8JsonReader reader, WireFormat upstream)
    {
        bool isData, isImageData;
        if (reader.ValueIsEscaped)
        {
            // Rare (a serializer that escapes '/' writes "https:\/\/…"): only then is the string unescaped whole.
            var url = reader.GetString() ?? "";
            isData = url.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
            isImageData = isData && url.AsSpan(5).StartsWith("image/", StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            var url = reader.ValueSpan;
            isData = StartsWithIgnoreCase(url, "data:"u8);
            isImageData = isData && StartsWithIgnoreCase(url[5..], "image/"u8);
        }

        return isData ? isImageData : upstream != WireFormat.Gemini;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix) =>
        text.Length >= prefix.Length && Ascii.EqualsIgnoreCase(text[..prefix.Length], prefix);

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
