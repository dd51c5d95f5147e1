using System.Text;
using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>
/// What a non-text content part (<c>image_url</c>, <c>input_audio</c>, <c>file</c>, a video or audio reference) adds to
/// a prompt, that nothing in the request bounds it, and whether the provider may bill it as audio. Base64 data is never
/// tokenized: a provider bills media by what it decodes to, not by its characters.
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
    /// Tokens for the media value the reader is on (none when nothing in the request bounds what the provider bills for
    /// it, which <paramref name="tally"/> then records, with whether it may be billed as audio); leaves the reader on
    /// the value's last token.
    /// </summary>
    public static long Measure(MediaKind kind, ref Utf8JsonReader reader, ModelFamily family, WireFormat upstream, ref MediaTally tally)
    {
        switch (kind)
        {
            case MediaKind.Image:
                // An image's cost depends only on its (capped) dimensions: the family's largest image bounds it.
                var content = Worst(ref reader, "url"u8);
                if (content == UrlContent.ImageData || (content == UrlContent.Remote && upstream != WireFormat.Gemini))
                {
                    return family.ImageTokens;
                }

                // A data URL is billed as what it holds; a URL a Gemini provider fetches as fileData may name any file.
                tally.Unmeasured = true;
                tally.Audio |= content is UrlContent.SoundData or UrlContent.Remote;
                return 0;
            case MediaKind.Audio when family.BoundsAudio:
                var tokens = AudioBaseTokens + (PayloadChars(ref reader) / AudioBase64CharsPerToken) + 1;
                tally.Audio = true;
                tally.AudioTokens += tokens;
                return tokens;
            case MediaKind.File:
                // A document is billed as an image of each page plus its extracted text, which compressed streams make
                // far larger than its bytes, and a file_id carries no payload at all.
                tally.Unmeasured = tally.Documents = true;
                tally.Audio |= Worst(ref reader, "file_data"u8) == UrlContent.SoundData;
                return 0;
            default:
                // Audio outside OpenAI's formats and rates, video (its sound billed as audio), and media by reference are
                // billed by a length the request does not give.
                tally.Unmeasured = tally.Audio = true;
                reader.Skip();
                return 0;
        }
    }

    /// <summary>
    /// The dearest of what the value may hold: a URL string, or an object's every <paramref name="member"/> (of a
    /// repeated one, the provider may read either). A value with no URL at all is taken as an image's (nothing to fetch).
    /// </summary>
    private static UrlContent Worst(ref Utf8JsonReader reader, ReadOnlySpan<byte> member)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return Classify(ref reader);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return UrlContent.ImageData;
        }

        var worst = UrlContent.ImageData;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals(member))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    worst = Dearer(worst, Classify(ref reader));
                }

                reader.Skip();
            }
        }

        return worst;
    }

    /// <summary>Of two contents, the one billed dearer: sound, then a fetched URL, then other data, then an image.</summary>
    private static UrlContent Dearer(UrlContent a, UrlContent b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(UrlContent content) => content switch
    {
        UrlContent.SoundData => 3,
        UrlContent.Remote => 2,
        UrlContent.OtherData => 1,
        _ => 0,
    };

    /// <summary>
    /// A data URL says what it holds: only an <c>image/</c> one is an image, an <c>audio/</c> or <c>video/</c> one is
    /// sound. Any other URL is fetched by the provider: OpenAI's, Anthropic's and the open servers fetch images only, but
    /// a Gemini provider takes it as <c>fileData</c>, which may name any file — a video, a recording, a document.
    /// </summary>
    private static UrlContent Classify(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            // Rare (a serializer that escapes '/' writes "https:\/\/…"): only then is the string unescaped whole.
            return Classify(Encoding.UTF8.GetBytes(reader.GetString() ?? ""));
        }

        return Classify(reader.ValueSpan);
    }

    private static UrlContent Classify(ReadOnlySpan<byte> url)
    {
        if (!StartsWithIgnoreCase(url, "data:"u8))
        {
            return UrlContent.Remote;
        }

        var type = url[5..];
        return StartsWithIgnoreCase(type, "image/"u8) ? UrlContent.ImageData
            : StartsWithIgnoreCase(type, "audio/"u8) || StartsWithIgnoreCase(type, "video/"u8) ? UrlContent.SoundData
            : UrlContent.OtherData;
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
