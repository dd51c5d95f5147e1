using Microsoft.Extensions.Options;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Tollway.Chain.Chains;
using Tollway.Gateway.Wire;

namespace Tollway.Chain.X402;

/// <summary>
/// The x402 offers resolved from the chain configuration (validated at start by <see cref="X402OptionsValidator"/>),
/// and the EIP-712 recovery of an authorization's signer with Nethereum.
/// </summary>
internal sealed class ChainX402Offers(ChainRegistry chains, IOptions<X402Options> options) : IX402Chains
{
    private readonly Eip712TypedDataSigner _signer = new();

    public IReadOnlyList<X402Offer> Offers { get; } = Resolve(chains, options.Value);

    public bool IsSignedByPayer(X402Offer offer, ExactAuthorization authorization)
    {
        try
        {
            var signer = _signer.RecoverFromSignatureHashV4(Eip3009Abi.Digest(offer, authorization), "0x" + Convert.ToHexStringLower(authorization.Signature));
            return string.Equals(signer, authorization.From, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            // Not a recoverable signature (r or s out of range, v not 27/28 or 0/1): not the payer's.
            return false;
        }
    }

    /// <summary>The offers of the configured pairs, in order; pairs that do not resolve are left out (the validator
    /// has reported them already).</summary>
    internal static IReadOnlyList<X402Offer> Resolve(ChainRegistry chains, X402Options options)
    {
        var offers = new List<X402Offer>();
        foreach (var pair in options.Offers)
        {
            if (chains.FindByName(pair.Chain ?? "") is { Treasury: { } treasury } chain
                && chain.FindTokenBySymbol(pair.Token ?? "") is { SupportsAuthorizations: true } token)
            {
                offers.Add(new X402Offer(chain.Name, chain.ChainId, token.Symbol, token.ChecksumAddress, token.Decimals, token.Eip712Name!,
                    token.Eip712Version!, EthereumAddresses.ToChecksum(treasury), MinimumQuote(chain, options)));
            }
        }

        return offers;
    }

    /// <summary>The smallest quote on <paramref name="chain"/> (nano-USD): <c>X402:MinQuoteUsd</c> when it is set,
    /// else the gas one settlement costs there.</summary>
    internal static long MinimumQuote(ChainSettings chain, X402Options options) =>
        options.MinQuoteUsd is { } text && UsdAmount.TryParseNanos(text, out var configured) ? configured : SettlementGas.CostNanos(chain);

    /// <summary>Checks a relayer key (hex, with or without <c>0x</c>); <c>null</c> when it is not one.</summary>
    internal static EthECKey? ParseKey(string? hex)
    {
        var text = hex?.Trim();
        if (text is null || (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.Length != 66 : text.Length != 64))
        {
            return null;
        }

        try
        {
            return new EthECKey(text);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return null;
        }
    }
}
