namespace Tollway.Gateway.X402;

/// <summary>
/// One chain and token that payments are accepted in, resolved from the chain configuration: everything an
/// <c>exact</c> offer names (network, token contract, treasury, the token's EIP-712 domain) and what converting and
/// settling need (decimals, the chain's name for its RPC client).
/// </summary>
public sealed record X402Offer(
    string ChainName, long ChainId, string TokenSymbol, string Asset, int Decimals, string Eip712Name, string Eip712Version, string PayTo)
{
    /// <summary>The CAIP-2 network id, <c>eip155:&lt;chainId&gt;</c>.</summary>
    public string Network => $"eip155:{ChainId}";

    /// <summary>The network's version-1 name where x402 v1 has one (<c>base</c>), else the CAIP-2 id.</summary>
    public string V1Network => X402Networks.V1Name(ChainId) ?? Network;
}
