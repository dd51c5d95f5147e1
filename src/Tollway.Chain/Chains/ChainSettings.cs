using Tollway.Gateway.Wallets;

namespace Tollway.Chain.Chains;

/// <summary>
/// One chain as Tollway uses it: the preset merged with the operator's settings and validated. Immutable; built once at
/// start by <see cref="ChainSettingsResolver"/>.
/// </summary>
public sealed record ChainSettings(
    string Name,
    long ChainId,
    IReadOnlyList<Uri> RpcUrls,
    ChainConfirmation Confirmation,
    WalletAddress? Treasury,
    long? StartBlock,
    IReadOnlyList<ChainToken> Tokens,
    int MaxBlockRange,
    TimeSpan PollInterval)
{
    /// <summary>The CAIP-2 network id (<c>eip155:8453</c>), as x402 names networks.</summary>
    public string Caip2 => "eip155:" + ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The token at a contract address (any case), or <see langword="null"/>.</summary>
    public ChainToken? FindToken(string address) =>
        Tokens.FirstOrDefault(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>The token with a symbol (any case), or <see langword="null"/>.</summary>
    public ChainToken? FindTokenBySymbol(string symbol) =>
        Tokens.FirstOrDefault(t => string.Equals(t.Symbol, symbol, StringComparison.OrdinalIgnoreCase));
}
