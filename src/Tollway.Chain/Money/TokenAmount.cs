using System.Numerics;

namespace Tollway.Chain.Money;

/// <summary>
/// A stablecoin amount in nano-USD, exactly: <see cref="Nanos"/> is what the ledger credits and <see cref="Dust"/> the
/// base units below one nano-USD that could not be credited (only tokens with more than 9 decimals, such as DAI's 18,
/// have any). Nothing is rounded: nanos × 10^(decimals−9) + dust is the raw amount again.
/// </summary>
public readonly record struct TokenAmount(long Nanos, BigInteger Dust)
{
    private const int NanoDecimals = 9;

    /// <summary>Converts raw base units of a token with <paramref name="decimals"/> decimals (one token = 1 USD).</summary>
    /// <exception cref="OverflowException">More than <see cref="long.MaxValue"/> nano-USD (over 9 billion dollars).</exception>
    public static TokenAmount FromBaseUnits(BigInteger raw, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(raw.Sign);
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (decimals <= NanoDecimals)
        {
            return new TokenAmount(checked((long)(raw * BigInteger.Pow(10, NanoDecimals - decimals))), BigInteger.Zero);
        }

        var nanos = BigInteger.DivRem(raw, BigInteger.Pow(10, decimals - NanoDecimals), out var dust);
        return new TokenAmount(checked((long)nanos), dust);
    }

    /// <summary>
    /// The fewest base units worth at least <paramref name="nanos"/>: what a payment of that price must transfer (a
    /// price below one base unit costs a whole one; the rest stays as the payer's credit).
    /// </summary>
    public static BigInteger ToBaseUnitsRoundedUp(long nanos, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nanos);
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (decimals >= NanoDecimals)
        {
            return new BigInteger(nanos) * BigInteger.Pow(10, decimals - NanoDecimals);
        }

        var divisor = BigInteger.Pow(10, NanoDecimals - decimals);
        var units = BigInteger.DivRem(nanos, divisor, out var remainder);
        return remainder.IsZero ? units : units + 1;
    }
}
