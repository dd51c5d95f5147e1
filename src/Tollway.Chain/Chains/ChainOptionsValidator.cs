using Microsoft.Extensions.Options;
using Tollway.Gateway.Configuration;

namespace Tollway.Chain.Chains;

/// <summary>
/// Checks every chain at start, beside the gateway's own validator (whose failures it adds to, so an operator sees
/// all of them at once): presets, ids, URLs, addresses and their checksums, tokens, and chain ids used twice.
/// </summary>
internal sealed class ChainOptionsValidator : IValidateOptions<TollwayOptions>
{
    public ValidateOptionsResult Validate(string? name, TollwayOptions options)
    {
        var errors = new List<string>();
        var byId = new Dictionary<long, string>();
        foreach (var (chainName, chain) in options.Chains)
        {
            if (!chain.Enabled)
            {
                continue;
            }

            if (ChainSettingsResolver.Resolve(chainName, chain, errors) is { } settings && !byId.TryAdd(settings.ChainId, chainName))
            {
                errors.Add($"Chains:{chainName}:ChainId: chain id {settings.ChainId} is already configured as '{byId[settings.ChainId]}'");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
