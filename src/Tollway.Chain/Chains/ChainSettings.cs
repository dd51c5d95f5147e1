using Tollway.Chain.Wallets;

namespace Tollway.Chain.Chains;

/// <summary>
/// One chain as Tollway uses it: the preset merged with the operator's settings and validated. Immutable; built once at
/// start by <see cref="ChainSettingsResolver"/>.
/// </summary>
/// <param name="Name">The chain's config name.</param>
/// <param name="ChainId">The EIP-155 chain id.</param>
/// <param name="RpcUrls">JSON-RPC URLs, in failover order.</param>
/// <param name="Confirmation">When a deposit counts.</param>
/// <param name="Treasury">Where deposits and payments go, if anywhere.</param>
/// <param name="StartBlock">The first block scanned without a cursor.</param>
/// <param name="Tokens">The accepted tokens.</param>
/// <param name="MaxBlockRange">The most blocks one log query spans.</param>
/// <param name="PollInterval">The watcher's pace once caught up.</param>
/// <param name="MinDeposit">The smallest transfer (nano-USD) recorded as a deposit; below it, and at zero, none is.</param>
/// <param name="GasPriceWei">The gas price the x402 minimum quote assumes for the relayer's settlement.</param>
/// <param name="GasTokenUsdNanos">What one coin of the chain's gas token is worth (nano-USD), for the same estimate.</param>
public sealed record ChainSettings(
    string Name,
    long ChainId,
    IReadOnlyList<Uri> RpcUrls,
    ChainConfirmation Confirmation,
    WalletAddress? Treasury,
    long? StartBlock,
    IReadOnlyList<ChainToken> Tokens,
    int MaxBlockRange,
    TimeSpan PollInterval,
    long MinDeposit = 0,
    long GasPriceWei = ChainSettings.DefaultGasPriceWei,
    long GasTokenUsdNanos = ChainSettings.DefaultGasTokenUsdNanos)
{
    /// <summary>1 gwei: the gas price assumed where none is given.</summary>
    public const long DefaultGasPriceWei = 1_000_000_000;

    /// <summary>$5,000 (a conservative price of ETH): the gas coin's price assumed where none is given.</summary>
    public const long DefaultGasTokenUsdNanos = 5_000_000_000_000;

    /// <summary>The CAIP-2 network id (<c>eip155:8453</c>), as x402 names networks.</summary>
    public string Caip2 => "eip155:" + ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The token at a contract address (any case), or <see langword="null"/>.</summary>
    public ChainToken? FindToken(string address) =>
        Tokens.FirstOrDefault(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>The token with a symbol (any case), or <see langword="null"/>.</summary>
    public ChainToken? FindTokenBySymbol(string symbol) =>
        Tokens.FirstOrDefault(t => string.Equals(t.Symbol, symbol, StringComparison.OrdinalIgnoreCase));
}
