using System.Globalization;

namespace Tollway.Gateway.Wire;

/// <summary>
/// Exact conversions between USD written as decimal text and Tollway's ledger unit, the nano-dollar (1e-9 USD) in a
/// <see cref="long"/>. Integer arithmetic only: a price read from config or shown to a client never passes through
/// binary floating point.
/// </summary>
public static class UsdAmount
{
    /// <summary>Nano-dollars in one dollar.</summary>
    public const long NanosPerUsd = 1_000_000_000;

    private const int NanoDigits = 9;

    /// <summary>Parses non-negative decimal text (<c>"2.50"</c>, <c>"0.000150"</c>) into nano-USD. Fails on signs,
    /// exponents, more than nine decimals or overflow, rather than rounding silently.</summary>
    public static bool TryParseNanos(ReadOnlySpan<char> text, out long nanos)
    {
        nanos = 0;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? [] : text[(dot + 1)..];
        if ((whole.IsEmpty && fraction.IsEmpty) || fraction.Length > NanoDigits || !IsDigits(whole) || !IsDigits(fraction))
        {
            return false;
        }

        long wholeValue = 0;
        if (!whole.IsEmpty && !long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out wholeValue))
        {
            return false;
        }

        long fractionValue = 0;
        if (!fraction.IsEmpty)
        {
            fractionValue = long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);
            for (var i = fraction.Length; i < NanoDigits; i++)
            {
                fractionValue *= 10;
            }
        }

        try
        {
            nanos = checked((wholeValue * NanosPerUsd) + fractionValue);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>As <see cref="TryParseNanos"/> for an optional amount: no text is no amount, and succeeds.</summary>
    public static bool TryParseOptionalNanos(string? text, out long? nanos)
    {
        nanos = null;
        if (text is null)
        {
            return true;
        }

        if (!TryParseNanos(text, out var parsed))
        {
            return false;
        }

        nanos = parsed;
        return true;
    }

    /// <summary>The most characters <see cref="FormatUsd(long, Span{byte})"/> writes: a sign, 19 digits and a point.</summary>
    public const int MaxFormattedLength = 24;

    /// <summary>Formats nano-USD as a dollar amount with no trailing zeros (<c>1500000</c> → <c>"0.0015"</c>).</summary>
    public static string FormatUsd(long nanos) => FormatScaled(nanos, NanoDigits);

    /// <summary>Writes nano-USD as <see cref="FormatUsd(long)"/> does, as ASCII into <paramref name="destination"/>
    /// (at least <see cref="MaxFormattedLength"/> bytes); how many bytes it wrote. For JSON written on the request path,
    /// where a string per amount would be garbage.</summary>
    public static int FormatUsd(long nanos, Span<byte> destination) => FormatScaled(nanos, NanoDigits, destination);

    /// <summary>Formats a price in nano-USD per million tokens as USD per token, the way OpenRouter's
    /// <c>pricing</c> fields show it (<c>150000000</c> → <c>"0.00000015"</c>).</summary>
    public static string FormatUsdPerToken(long nanosPerMillionTokens) => FormatScaled(nanosPerMillionTokens, NanoDigits + 6);

    private static string FormatScaled(long value, int scale)
    {
        Span<byte> ascii = stackalloc byte[MaxFormattedLength + 8];
        return System.Text.Encoding.ASCII.GetString(ascii[..FormatScaled(value, scale, ascii)]);
    }

    /// <summary>
    /// Writes <paramref name="value"/> / 10^<paramref name="scale"/> in decimal: the whole part, then a point and the
    /// fraction without trailing zeros when there is one. Integer digits only, least significant first, so no
    /// intermediate strings and no division wider than 64 bits.
    /// </summary>
    private static int FormatScaled(long value, int scale, Span<byte> destination)
    {
        // |long.MinValue| does not fit in a long, but does in a ulong.
        var magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        Span<byte> digits = stackalloc byte[40];
        var count = 0;
        do
        {
            digits[count++] = (byte)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        }
        while (magnitude != 0);

        // At least one whole digit: 0.0015 is "0" then the fraction.
        while (count <= scale)
        {
            digits[count++] = (byte)'0';
        }

        var trailingZeros = 0;
        while (trailingZeros < scale && digits[trailingZeros] == '0')
        {
            trailingZeros++;
        }

        var written = 0;
        if (value < 0)
        {
            destination[written++] = (byte)'-';
        }

        for (var i = count - 1; i >= scale; i--)
        {
            destination[written++] = digits[i];
        }

        if (trailingZeros < scale)
        {
            destination[written++] = (byte)'.';
            for (var i = scale - 1; i >= trailingZeros; i--)
            {
                destination[written++] = digits[i];
            }
        }

        return written;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
