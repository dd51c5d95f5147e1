using Microsoft.Extensions.Options;
using Tollway.Gateway.Catalog.Models.Shipped;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Catalog.Models;

/// <summary>Checks how the shipped catalog joins the configuration at start: every excluded id is a shipped model, and
/// a provider that asks for shipped models has a preset that ships some.</summary>
internal sealed class CatalogOptionsValidator(BoundOptions<ProvidersOptions> providers, ShippedCatalog shipped) : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Exclude.Count; i++)
        {
            if (!shipped.Contains(options.Exclude[i]))
            {
                errors.Add($"Catalog:Exclude:{i}: '{options.Exclude[i]}' is not a shipped model (see `tollway models list --shipped`)");
            }
        }

        foreach (var (providerName, provider) in providers.Value)
        {
            if (provider.ShippedModels == true && ProviderPresets.Find(ProviderSettings.PresetName(providerName, provider)) is { } preset
                && !shipped.ForPreset(preset.Name).Any())
            {
                errors.Add($"Providers:{providerName}:ShippedModels: the '{preset.Name}' preset ships no models; list this provider's models under 'models'");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
