using System.Globalization;
using System.Numerics;

namespace Tollway.Chain.Rpc;

/// <summary>JSON-RPC quantities: <c>0x</c>-prefixed hex without leading zeros.</summary>
public static class HexNumbers
{
    /// <summary>Writes a quantity (<c>0x0</c>, <c>0x1a</c>).</summary>
    public static string ToQuantity(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return "0x" + value.ToString("x", CultureInfo.InvariantCulture);
    }

    /// <summary>Writes a quantity of any size.</summary>
    public static string ToQuantity(BigInteger value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value.Sign);
        if (value.IsZero)
        {
            return "0x0";
        }

        return "0x" + value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
    }

    /// <summary>Reads a quantity that fits a <see cref="long"/>.</summary>
    public static long ToInt64(string hex) => checked((long)ToBigInteger(hex));

    /// <summary>Reads a quantity or a 32-byte word as an unsigned number.</summary>
    public static BigInteger ToBigInteger(string hex)
    {
        var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex.AsSpan(2) : hex.AsSpan();
        if (digits.IsEmpty)
        {
            return BigInteger.Zero;
        }

        // A leading zero keeps BigInteger from reading the top bit as a sign.
        return BigInteger.Parse(string.Concat("0", digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }
}
