using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Catalog.Models;

/// <summary>The three sections the catalog is built from: the providers, the configured models, and how the shipped
/// catalog joins them.</summary>
public sealed class CatalogSources
{
    /// <summary>Upstream providers by the name the operator gives them (<c>Providers</c>).</summary>
    public ProvidersOptions Providers { get; init; } = new();

    /// <summary>Public model names and the provider endpoints that serve them (<c>Models</c>).</summary>
    public ModelsOptions Models { get; init; } = new();

    /// <summary>Whether providers bring their shipped models, and which to leave out (<c>Catalog</c>).</summary>
    public CatalogOptions Catalog { get; init; } = new();

    /// <summary>The three sections as bound from <paramref name="configuration"/>, unvalidated (operator commands, tests).</summary>
    public static CatalogSources Bind(IConfiguration configuration) => new()
    {
        Providers = configuration.GetSection(ProvidersOptions.Section).Get<ProvidersOptions>() ?? new(),
        Models = configuration.GetSection(ModelsOptions.Section).Get<ModelsOptions>() ?? new(),
        Catalog = configuration.GetSection(CatalogOptions.Section).Get<CatalogOptions>() ?? new(),
    };
}
