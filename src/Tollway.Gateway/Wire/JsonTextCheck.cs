using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Tollway.Gateway.Wire;

/// <summary>
/// Refuses a request body whose text is not Unicode, before any JSON reader sees it. <see cref="System.Text.Json.Utf8JsonReader"/>
/// checks structure but not the bytes of the strings it skips, so without this a body with broken text reached the
/// provider as it came, and the gateway's own readers threw (a 500) when they decoded one of its strings.
/// </summary>
/// <remarks>
/// Refused: every byte sequence that is not well-formed UTF-8 in the Unicode standard's sense — stray continuation
/// bytes, truncated sequences, overlong encodings (<c>C0 AF</c>), surrogates encoded in UTF-8 (<c>ED A0 80</c>), code
/// points above U+10FFFF — and a JSON escape of a lone surrogate (<c>"\ud800"</c> without its low half, or a low half
/// alone). JSON's grammar allows the escape, but it names no character: I-JSON (RFC 7493) forbids it, it cannot be
/// turned into UTF-8 for a provider or a tokenizer without replacing it, and each reader would replace it differently
/// (or throw). Escaped surrogate pairs (<c>"\ud83d\ude00"</c>, as Python's <c>json.dumps</c> writes every emoji) are
/// text and pass. The check is one vectorized pass over the body plus a search for <c>\u</c>; it allocates nothing.
/// </remarks>
internal static class JsonTextCheck
{
    private const int NotASurrogate = 0;
    private const int HighHalf = 1;
    private const int LowHalf = 2;

    /// <summary>Why the body's text is refused, or <see langword="null"/> when it is well-formed.</summary>
    public static string? FindProblem(ReadOnlySpan<byte> body)
    {
        if (!Utf8.IsValid(body))
        {
            return $"The request body is not valid UTF-8 (at byte {FirstInvalidByte(body).ToString(CultureInfo.InvariantCulture)}).";
        }

        var offset = FindLoneSurrogateEscape(body);
        return offset < 0
            ? null
            : $"The request body escapes a lone UTF-16 surrogate, which is not a character (at byte {offset.ToString(CultureInfo.InvariantCulture)}).";
    }

    /// <summary>The offset of the first <c>\uD800</c>–<c>\uDFFF</c> escape that is not half of a high-then-low pair, or -1.</summary>
    internal static int FindLoneSurrogateEscape(ReadOnlySpan<byte> body)
    {
        var position = 0;
        while (true)
        {
            var found = body[position..].IndexOf("\\u"u8);
            if (found < 0)
            {
                return -1;
            }

            var escape = position + found;
            // "\\u" is an escaped backslash followed by the letter u: the backslash escapes only when an odd number of
            // backslashes ends here. Backslashes appear only inside strings in JSON, so nothing else needs tracking.
            var half = IsEscapeStart(body, escape) ? SurrogateAt(body, escape) : NotASurrogate;
            if (half == LowHalf)
            {
                return escape;
            }

            if (half == NotASurrogate)
            {
                position = escape + 2;
                continue;
            }

            var next = escape + 6;
            if (next + 1 >= body.Length || body[next] != (byte)'\\' || SurrogateAt(body, next) != LowHalf)
            {
                return escape;
            }

            position = next + 6;
        }
    }

    private static bool IsEscapeStart(ReadOnlySpan<byte> body, int backslash)
    {
        var run = 1;
        while (backslash - run >= 0 && body[backslash - run] == (byte)'\\')
        {
            run++;
        }

        return run % 2 == 1;
    }

    /// <summary>Which half of a surrogate pair the <c>\uXXXX</c> at <paramref name="start"/> escapes, read without parsing
    /// a number (most escapes are not surrogates and are passed over on their first digit). A malformed escape is none:
    /// the JSON reader refuses it itself.</summary>
    private static int SurrogateAt(ReadOnlySpan<byte> body, int start)
    {
        if (start + 6 > body.Length || body[start + 1] != (byte)'u' || (body[start + 2] | 0x20) != 'd'
            || !IsHexDigit(body[start + 4]) || !IsHexDigit(body[start + 5]))
        {
            return NotASurrogate;
        }

        return (body[start + 3] | 0x20) switch
        {
            '8' or '9' or 'a' or 'b' => HighHalf,
            'c' or 'd' or 'e' or 'f' => LowHalf,
            _ => NotASurrogate,
        };
    }

    private static bool IsHexDigit(byte digit) => char.IsAsciiHexDigit((char)digit);

    /// <summary>Where the first ill-formed sequence starts; only computed for a body already known to be invalid.</summary>
    private static int FirstInvalidByte(ReadOnlySpan<byte> body)
    {
        var offset = 0;
        while (offset < body.Length)
        {
            if (Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }
}
