using System.Numerics;
using Tollway.Chain.Chains;

namespace Tollway.Chain.X402;

/// <summary>
/// What one x402 settlement costs the relayer: the gas of one <c>transferWithAuthorization</c> at the gas price it bids
/// (the node's price and a fifth more, so it is mined soon). Priced at a chain's assumed gas price and gas coin price,
/// it is the default minimum quote, so that no payment brings in less than the gas it costs.
/// </summary>
internal static class SettlementGas
{
    /// <summary>The gas one settlement is counted at: USDC's <c>transferWithAuthorization</c> uses 60–90 thousand.</summary>
    public const long Gas = 100_000;

    private static readonly BigInteger WeiPerCoin = BigInteger.Pow(10, 18);

    /// <summary>The price the relayer bids for a node's <paramref name="gasPrice"/>: a fifth more.</summary>
    public static BigInteger Bid(BigInteger gasPrice) => gasPrice + (gasPrice / 5);

    /// <summary>One settlement on <paramref name="chain"/> at its assumed prices, in nano-USD, rounded up (at most
    /// <see cref="long.MaxValue"/>).</summary>
    public static long CostNanos(ChainSettings chain)
    {
        var wei = Gas * Bid(chain.GasPriceWei);
        var nanos = BigInteger.Divide((wei * chain.GasTokenUsdNanos) + WeiPerCoin - 1, WeiPerCoin);
        return nanos > long.MaxValue ? long.MaxValue : (long)nanos;
    }
}
