using System.Numerics;

namespace Tollway.Chain.X402;

/// <summary>
/// Conversions between Tollway's nano-USD and a dollar stablecoin's atomic units (10^decimals per dollar), in integers.
/// A price becomes the least whole number of units that covers it (rounded up: the gateway never quotes less than the
/// worst case); a payment becomes the nano-USD it is worth, rounded down, so a credit never exceeds what arrived and
/// the remainder of an 18-decimal token stays as dust on chain rather than being invented in the ledger.
/// </summary>
public static class TokenUnits
{
    private const int NanoDigits = 9;

    /// <summary>The atomic units that cover <paramref name="nanos"/> (rounded up).</summary>
    public static BigInteger FromNanosRoundingUp(long nanos, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nanos);
        var scaled = (BigInteger)nanos * BigInteger.Pow(10, decimals);
        var divisor = BigInteger.Pow(10, NanoDigits);
        var units = BigInteger.DivRem(scaled, divisor, out var remainder);
        return remainder.IsZero ? units : units + 1;
    }

    /// <summary>The nano-USD that <paramref name="units"/> are worth (rounded down); <c>null</c> past <see cref="long.MaxValue"/>.</summary>
    public static long? ToNanosRoundingDown(BigInteger units, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units.Sign);
        var nanos = units * BigInteger.Pow(10, NanoDigits) / BigInteger.Pow(10, decimals);
        return nanos <= long.MaxValue ? (long)nanos : null;
    }
}
