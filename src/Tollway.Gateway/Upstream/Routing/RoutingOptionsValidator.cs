using Microsoft.Extensions.Options;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Catalog.Models.Shipped;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Upstream.Routing;

/// <summary>
/// Checks the <c>Routing</c> section at start, and what routing alone knows of the models: every strategy a model names
/// is a known one, and every model <c>auto</c> chooses from is configured or shipped. Reads the catalog's sections as
/// bound, so that their own mistakes do not hide these.
/// </summary>
internal sealed class RoutingOptionsValidator(
    BoundOptions<ProvidersOptions> providers, BoundOptions<ModelsOptions> models, BoundOptions<CatalogOptions> catalog, ShippedCatalog shipped)
    : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var errors = new List<string>();
        foreach (var (modelId, model) in models.Value)
        {
            if (!RoutingStrategies.Names.Contains(model.Strategy, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"Models:{modelId}:Strategy: unknown strategy '{model.Strategy}' (known: {string.Join(", ", RoutingStrategies.Names)})");
            }
        }

        ValidateAutoModels(options, errors);
        if (options.MaxAttempts <= 0)
        {
            errors.Add("Routing:MaxAttempts: must be greater than zero");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateAutoModels(RoutingOptions options, List<string> errors)
    {
        var sources = new CatalogSources { Providers = providers.Value, Models = models.Value, Catalog = catalog.Value };
        var shippedIds = ShippedSelection.Select(sources, shipped).Select(s => s.Model.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < options.AutoModels.Count; i++)
        {
            if (!sources.Models.ContainsKey(options.AutoModels[i]) && !shippedIds.Contains(options.AutoModels[i]))
            {
                errors.Add($"Routing:AutoModels:{i}: '{options.AutoModels[i]}' is not a configured or shipped model");
            }
        }
    }
}
