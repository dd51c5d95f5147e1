using System.Numerics;

namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>
/// Reads a price written as decimal text — <c>"0.0000025"</c>, <c>2.5e-06</c>, <c>1E-7</c> — and scales it by a power of
/// ten into a whole number, exactly: the digits are kept as an integer and the exponent moved, so no binary floating
/// point ever touches the value. A price that would need a fraction of the unit is refused rather than rounded.
/// </summary>
public static class DecimalText
{
    /// <summary>Why a text was refused.</summary>
    public enum Outcome
    {
        /// <summary>Parsed exactly.</summary>
        Ok,

        /// <summary>Not a decimal number.</summary>
        Malformed,

        /// <summary>Below zero (OpenRouter writes <c>"-1"</c> for a price that varies).</summary>
        Negative,

        /// <summary>Finer than one unit after scaling.</summary>
        TooPrecise,

        /// <summary>Too large for a 64-bit integer.</summary>
        TooLarge,
    }

    /// <summary>Parses <paramref name="text"/> and multiplies it by 10^<paramref name="scale"/>.</summary>
    public static Outcome TryScale(ReadOnlySpan<char> text, int scale, out long value)
    {
        value = 0;
        text = text.Trim();
        var negative = false;
        if (!text.IsEmpty && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        var exponent = 0;
        var e = text.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!TryExponent(text[(e + 1)..], out exponent))
            {
                return Outcome.Malformed;
            }

            text = text[..e];
        }

        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? [] : text[(dot + 1)..];
        if ((whole.IsEmpty && fraction.IsEmpty) || !IsDigits(whole) || !IsDigits(fraction) || fraction.Length > 400 || whole.Length > 400)
        {
            return Outcome.Malformed;
        }

        var digits = BigInteger.Parse(string.Concat(whole, fraction), System.Globalization.CultureInfo.InvariantCulture);
        if (digits.IsZero)
        {
            return Outcome.Ok;
        }

        if (negative)
        {
            return Outcome.Negative;
        }

        return Shift(digits, (long)exponent + scale - fraction.Length, out value);
    }

    /// <summary><paramref name="digits"/> × 10^<paramref name="power"/> as a whole number, exactly, or why it is not one.</summary>
    private static Outcome Shift(BigInteger digits, long power, out long value)
    {
        value = 0;
        if (power < -400 || power > 400)
        {
            return power < 0 ? Outcome.TooPrecise : Outcome.TooLarge;
        }

        var ten = BigInteger.Pow(10, (int)Math.Abs(power));
        BigInteger scaled;
        if (power >= 0)
        {
            scaled = digits * ten;
        }
        else
        {
            scaled = BigInteger.DivRem(digits, ten, out var remainder);
            if (!remainder.IsZero)
            {
                return Outcome.TooPrecise;
            }
        }

        if (scaled > long.MaxValue)
        {
            return Outcome.TooLarge;
        }

        value = (long)scaled;
        return Outcome.Ok;
    }

    private static bool TryExponent(ReadOnlySpan<char> text, out int exponent) =>
        int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out exponent)
        && exponent is > -1000 and < 1000;

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
