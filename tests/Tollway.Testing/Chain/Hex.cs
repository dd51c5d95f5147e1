using System.Globalization;
using System.Numerics;

namespace Tollway.Testing.Chain;

/// <summary>JSON-RPC quantities and ABI words for the tests' own chain calls.</summary>
public static class Hex
{
    /// <summary>A quantity (<c>0x1a</c>).</summary>
    public static string Quantity(BigInteger value) => value.IsZero ? "0x0" : "0x" + value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');

    /// <summary>Reads a quantity.</summary>
    public static long ToInt64(string hex) => checked((long)ToBigInteger(hex));

    /// <summary>Reads an unsigned quantity or word.</summary>
    public static BigInteger ToBigInteger(string hex) =>
        BigInteger.Parse("0" + (hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
