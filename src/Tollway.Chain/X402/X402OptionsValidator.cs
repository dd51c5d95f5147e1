using Microsoft.Extensions.Options;
using Tollway.Chain.Chains;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Wire;

namespace Tollway.Chain.X402;

/// <summary>Checks the <c>X402</c> section at start, with every problem and its key, when x402 is enabled: each offer
/// names a chain with a treasury and a token with EIP-3009, the relayer key is in its variable (without a facilitator),
/// and the amounts and times make sense: each offer's minimum quote between its chain's minimum deposit and the largest
/// quote, and the offered validity longer than settlement may take. The key's value never appears in a message.</summary>
internal sealed class X402OptionsValidator(IEnvironmentVariables environment, BoundOptions<ChainsOptions> chains) : IValidateOptions<X402Options>
{
    public ValidateOptionsResult Validate(string? name, X402Options x402)
    {
        if (!x402.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (x402.Offers.Count == 0)
        {
            errors.Add("X402:Offers: at least one chain and token must be offered when x402 is enabled");
        }

        if (x402.FacilitatorUrl is { } facilitator)
        {
            if (!Uri.TryCreate(facilitator, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"X402:FacilitatorUrl: '{facilitator}' is not an absolute http or https URL");
            }
        }
        else if (string.IsNullOrWhiteSpace(x402.RelayerKeyEnv) || ChainX402Offers.ParseKey(environment.Read(x402.RelayerKeyEnv)) is null)
        {
            errors.Add($"X402:RelayerKeyEnv: the environment variable '{x402.RelayerKeyEnv}' must hold the relayer's private key (64 hex digits) when no FacilitatorUrl is set");
        }

        if (!UsdAmount.TryParseNanos(x402.MaxQuoteUsd, out var maxQuote) || maxQuote <= 0)
        {
            errors.Add($"X402:MaxQuoteUsd: '{x402.MaxQuoteUsd}' is not a positive dollar amount");
        }

        if (x402.MinQuoteUsd is { } minQuote && (!UsdAmount.TryParseNanos(minQuote, out var parsed) || parsed <= 0))
        {
            errors.Add($"X402:MinQuoteUsd: '{minQuote}' is not a positive dollar amount");
        }

        var chainErrors = new List<string>();
        for (var i = 0; i < x402.Offers.Count; i++)
        {
            ValidateOffer(x402, chains.Value, x402.Offers[i], $"X402:Offers:{i}", maxQuote, errors, chainErrors);
        }

        ValidateTimes(x402, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateTimes(X402Options x402, List<string> errors)
    {
        if (x402.SettlementTimeout <= TimeSpan.Zero)
        {
            errors.Add("X402:SettlementTimeout: must be positive");
        }

        // An authorization must outlive its settlement: one made for the offered time must still be accepted.
        if (x402.SafetyMargin < TimeSpan.Zero || x402.MaxTimeoutSeconds <= (x402.SettlementTimeout + x402.SafetyMargin).TotalSeconds)
        {
            errors.Add("X402:MaxTimeoutSeconds: must be longer than X402:SettlementTimeout plus X402:SafetyMargin (and the margin not negative), or no authorization made for the offer would be accepted");
        }
    }

    private static void ValidateOffer(X402Options x402, ChainsOptions chains, X402OfferOptions offer, string path, long maxQuote, List<string> errors, List<string> chainErrors)
    {
        var entry = chains.FirstOrDefault(c => string.Equals(c.Key, offer.Chain, StringComparison.OrdinalIgnoreCase));
        if (entry.Value is not { Enabled: true } chainOptions)
        {
            errors.Add($"{path}:Chain: '{offer.Chain}' is not an enabled chain under Chains");
            return;
        }

        // The chain's own problems are reported by the chain validator; here only what x402 needs of it.
        if (ChainSettingsResolver.Resolve(entry.Key, chainOptions, chainErrors) is not { } chain)
        {
            return;
        }

        if (chain.Treasury is null)
        {
            errors.Add($"{path}:Chain: the chain '{offer.Chain}' has no Treasury to be paid to");
        }

        if (chain.FindTokenBySymbol(offer.Token ?? "") is not { } token)
        {
            errors.Add($"{path}:Token: '{offer.Token}' is not a token of the chain '{offer.Chain}'");
        }
        else if (!token.SupportsAuthorizations)
        {
            errors.Add($"{path}:Token: '{offer.Token}' has no EIP-712 name and version, so it cannot take EIP-3009 authorizations");
        }

        ValidateMinimum(x402, chain, path, maxQuote, errors);
    }

    /// <summary>The offer's minimum quote must fit under the largest, and must be a deposit on its chain: the watcher
    /// credits a payment whose x402 credit never happened only if it does not ignore it as dust.</summary>
    private static void ValidateMinimum(X402Options x402, ChainSettings chain, string path, long maxQuote, List<string> errors)
    {
        var minimum = ChainX402Offers.MinimumQuote(chain, x402);
        var source = x402.MinQuoteUsd is null ? $"the gas of one settlement on '{chain.Name}' (Chains:{chain.Name}:GasPriceGwei and GasTokenUsd)" : "X402:MinQuoteUsd";
        if (maxQuote > 0 && minimum > maxQuote)
        {
            errors.Add($"{path}:Chain: the minimum quote, ${UsdAmount.FormatUsd(minimum)} from {source}, is above X402:MaxQuoteUsd");
        }

        if (minimum < chain.MinDeposit)
        {
            errors.Add($"{path}:Chain: the minimum quote, ${UsdAmount.FormatUsd(minimum)} from {source}, is below Chains:{chain.Name}:MinDepositUsd, so the deposit watcher would ignore a payment");
        }
    }
}
