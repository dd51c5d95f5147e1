using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Catalog.Models.Shipped;

/// <summary>
/// Which shipped models a configuration brings: those of each configured provider's preset, unless shipping is off for
/// that provider (or globally), the id is excluded, or the config itself names the id (as a model or an alias), in
/// which case the config's model wins whole.
/// </summary>
internal static class ShippedSelection
{
    /// <summary>The shipped models in force, each with the configured provider that serves it, in config order.</summary>
    public static IEnumerable<(string Provider, ShippedModel Model)> Select(CatalogSources options, ShippedCatalog shipped)
    {
        var excluded = new HashSet<string>(options.Catalog.Exclude, StringComparer.Ordinal);
        var configured = new HashSet<string>(options.Models.Keys.Concat(options.Models.Values.SelectMany(m => m.Aliases)), StringComparer.Ordinal);
        foreach (var (name, provider) in options.Providers)
        {
            if (!(provider.ShippedModels ?? options.Catalog.ShippedModels)
                || ProviderPresets.Find(ProviderSettings.PresetName(name, provider)) is not { } preset)
            {
                continue;
            }

            foreach (var model in shipped.ForPreset(preset.Name))
            {
                if (!excluded.Contains(model.Id) && !configured.Contains(model.Id))
                {
                    yield return (name, model);
                }
            }
        }
    }
}
