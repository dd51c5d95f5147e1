namespace Tollway.Chain.Chains;

/// <summary>
/// What Tollway knows about a public chain: its id, a public RPC endpoint (rate limited; operators give their own),
/// a confirmation depth that outlasts its usual reorgs, and the real stablecoin contracts on it.
/// </summary>
public sealed record ChainPreset(string Name, long ChainId, string DisplayName, IReadOnlyList<string> RpcUrls, string Confirmations, IReadOnlyList<TokenPreset> Tokens)
{
    /// <summary>Whether this is a test network (its tokens are worth nothing).</summary>
    public bool IsTestnet { get; init; }

    /// <summary>The gas price (gwei) the x402 minimum quote assumes: well above the chain's usual price.</summary>
    public string GasPriceGwei { get; init; } = ChainPresets.CustomGasPriceGwei;

    /// <summary>The USD price of the chain's gas coin that the same estimate assumes: above its usual price.</summary>
    public string GasTokenUsd { get; init; } = ChainPresets.EtherUsd;
}
