namespace Tollway.Chain.X402;

/// <summary>
/// One chain and token that payments are accepted in, resolved from the chain configuration: everything an
/// <c>exact</c> offer names (network, token contract, treasury, the token's EIP-712 domain), what converting and
/// settling need (decimals, the chain's name for its RPC client), and the smallest quote it takes (nano-USD).
/// </summary>
public sealed record X402Offer(
    string ChainName, long ChainId, string TokenSymbol, string Asset, int Decimals, string Eip712Name, string Eip712Version, string PayTo,
    long MinimumQuote = 1)
{
    /// <summary>The CAIP-2 network id, <c>eip155:&lt;chainId&gt;</c>.</summary>
    public string Network => $"eip155:{ChainId}";

    /// <summary>The network's version-1 name where x402 v1 has one (<c>base</c>), else the CAIP-2 id.</summary>
    public string V1Network => X402Networks.V1Name(ChainId) ?? Network;

    /// <summary>
    /// What a request of <paramref name="worstCaseNanos"/> is quoted in this offer (nano-USD): its worst case, but never
    /// less than <see cref="MinimumQuote"/> nor than one nano-USD. A free model, or a worst case that is not positive
    /// whatever the prices say, is quoted the minimum, so no quote of zero or less ever reaches the token conversion.
    /// </summary>
    public long QuoteFor(long worstCaseNanos) => Math.Max(worstCaseNanos, Math.Max(MinimumQuote, 1));
}
