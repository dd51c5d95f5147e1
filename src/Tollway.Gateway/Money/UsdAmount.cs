using System.Globalization;

namespace Tollway.Gateway.Money;

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

    /// <summary>Formats nano-USD as a dollar amount with no trailing zeros (<c>1500000</c> → <c>"0.0015"</c>).</summary>
    public static string FormatUsd(long nanos) => FormatScaled(nanos, NanoDigits);

    /// <summary>Formats a price in nano-USD per million tokens as USD per token, the way OpenRouter's
    /// <c>pricing</c> fields show it (<c>150000000</c> → <c>"0.00000015"</c>).</summary>
    public static string FormatUsdPerToken(long nanosPerMillionTokens) => FormatScaled(nanosPerMillionTokens, NanoDigits + 6);

    private static string FormatScaled(long value, int scale)
    {
        var negative = value < 0;
        var magnitude = negative ? (UInt128)(-(Int128)value) : (UInt128)value;
        var divisor = UInt128.One;
        for (var i = 0; i < scale; i++)
        {
            divisor *= 10;
        }

        var whole = magnitude / divisor;
        var fraction = (magnitude % divisor).ToString(CultureInfo.InvariantCulture).PadLeft(scale, '0').TrimEnd('0');
        var sign = negative ? "-" : "";
        return fraction.Length == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{whole}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{whole}.{fraction}");
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
