using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Catalog.Models.Shipped;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Catalog.Models;

/// <summary>Registers the model catalog.</summary>
public static class CatalogServiceCollectionExtensions
{
    /// <summary>
    /// Adds the providers (<c>AddTollwayProviders</c>), <see cref="ModelsOptions"/> and <see cref="CatalogOptions"/>
    /// (bound from <c>Models</c> and <c>Catalog</c>, validated at start), the shipped catalog, and the catalog in force,
    /// built from them once.
    /// </summary>
    public static IServiceCollection AddTollwayCatalog(this IServiceCollection services)
    {
        services.AddTollwayProviders();
        if (services.TryAddOptionsSection<ModelsOptions, ModelsOptionsValidator>(ModelsOptions.Section, static (options, section) => options.BindConfiguration(section)))
        {
            services.TryAddOptionsSection<CatalogOptions, CatalogOptionsValidator>(CatalogOptions.Section, static (options, section) => options.BindConfiguration(section));
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton(_ => ShippedCatalog.Default);
            services.TryAddSingleton(sp => Sources(sp));
            services.TryAddSingleton(sp =>
            {
                var time = sp.GetRequiredService<TimeProvider>();
                var sources = sp.GetRequiredService<CatalogSources>();
                var providers = CatalogBuilder.BuildProviders(sources.Providers, sp.GetRequiredService<IEnvironmentVariables>(), time);
                var catalog = CatalogBuilder.BuildCatalog(sources, providers, time.GetUtcNow(), sp.GetRequiredService<ShippedCatalog>());
                return new CatalogState(providers, catalog);
            });
        }

        return services;
    }

    private static CatalogSources Sources(IServiceProvider services) => new()
    {
        Providers = services.GetRequiredService<IOptions<ProvidersOptions>>().Value,
        Models = services.GetRequiredService<IOptions<ModelsOptions>>().Value,
        Catalog = services.GetRequiredService<IOptions<CatalogOptions>>().Value,
    };
}
