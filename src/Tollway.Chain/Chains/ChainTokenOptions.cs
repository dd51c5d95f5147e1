namespace Tollway.Chain.Chains;

/// <summary>One ERC-20 token accepted on a chain, under <c>Chains:NAME:Tokens:SYMBOL</c>.</summary>
public sealed class ChainTokenOptions
{
    /// <summary>Removes a preset token when <see langword="false"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The token contract (EIP-55 checksummed, or all lower case).</summary>
    public string? Address { get; set; }

    /// <summary>The token's decimals (6 for USDC and USDT, 18 for DAI); one unit is worth one US dollar.</summary>
    public int? Decimals { get; set; }

    /// <summary>The EIP-712 domain name of the token (<c>"USD Coin"</c>), for EIP-3009 authorizations; empty for
    /// tokens without EIP-3009, which can be deposited but not used for x402 payments.</summary>
    public string? Eip712Name { get; set; }

    /// <summary>The EIP-712 domain version of the token (<c>"2"</c> for USDC).</summary>
    public string? Eip712Version { get; set; }
}
