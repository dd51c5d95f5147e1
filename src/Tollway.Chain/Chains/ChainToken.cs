namespace Tollway.Chain.Chains;

/// <summary>
/// A stablecoin accepted on a chain, resolved from the preset and the operator's overrides. One unit of it is worth one
/// US dollar; <see cref="Decimals"/> says how many base units make a unit.
/// </summary>
/// <param name="Symbol">The operator's name for it (<c>USDC</c>).</param>
/// <param name="Address">The contract, lower case (<c>0x</c> and 40 hex digits): the form logs and lookups compare.</param>
/// <param name="Decimals">6 for USDC and USDT, 18 for DAI.</param>
/// <param name="Eip712Name">The EIP-712 domain name for EIP-3009 authorizations, or <see langword="null"/> when the token has none.</param>
/// <param name="Eip712Version">The EIP-712 domain version, or <see langword="null"/>.</param>
public sealed record ChainToken(string Symbol, string Address, int Decimals, string? Eip712Name, string? Eip712Version)
{
    /// <summary>The contract in its EIP-55 checksummed spelling, for display and URIs.</summary>
    public string ChecksumAddress => EthereumAddresses.ToChecksum(Address);

    /// <summary>Whether the token takes EIP-3009 transfers by signed authorization (what x402 needs).</summary>
    public bool SupportsAuthorizations => Eip712Name is not null && Eip712Version is not null;
}
