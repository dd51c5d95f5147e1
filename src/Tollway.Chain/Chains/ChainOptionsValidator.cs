using Microsoft.Extensions.Options;

namespace Tollway.Chain.Chains;

/// <summary>
/// Checks every chain under <c>Chains</c> at start, reported with the gateway's own failures so that an operator sees
/// all of them at once: presets, ids, URLs, addresses and their checksums, tokens, and chain ids used twice.
/// </summary>
internal sealed class ChainOptionsValidator : IValidateOptions<ChainsOptions>
{
    public ValidateOptionsResult Validate(string? name, ChainsOptions options)
    {
        var errors = new List<string>();
        var byId = new Dictionary<long, string>();
        foreach (var (chainName, chain) in options)
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
