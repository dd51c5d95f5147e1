using Microsoft.Extensions.Options;
using Tollway.Gateway.Accounts;
using Tollway.Gateway.Billing;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Catalog.Import;
using Tollway.Gateway.Configuration;
using Tollway.Gateway.Keys;
using Tollway.Gateway.Pricing;
using Tollway.Gateway.Storage;
using Tollway.Hosting;

namespace Tollway.Cli;

/// <summary>
/// The services an operator command needs: the database of the configured gateway, migrated. Provider settings are
/// not validated here, so managing keys does not require every provider's secret in the shell.
/// </summary>
internal static class CliServices
{
    public static async Task<ServiceProvider> CreateAsync(string? configPath, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder();
        TollwayConfiguration.AddSources(configuration, TollwayConfiguration.ResolvePath(configPath), overrides: null);
        var options = configuration.Build().Get<TollwayOptions>() ?? new TollwayOptions();

        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<AccountAdministration>();
        services.AddSingleton<PriceBookState>();
        services.AddSingleton<LedgerAdministration>();
        // The catalog as the gateway builds it (shipped models included), for `models`; built when first asked for, and
        // without provider keys, which only the gateway needs.
        services.AddSingleton(_ => BuildCatalog(options));
        services.AddSingleton<ModelPriceImporter>();
        services.AddTollwayStorage(options.Database);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IDatabaseMigrator>().MigrateAsync(cancellationToken);
        return provider;
    }

    private static CatalogState BuildCatalog(TollwayOptions options)
    {
        var providers = CatalogBuilder.BuildProviders(options, new ProcessEnvironmentVariables());
        return new CatalogState(providers, CatalogBuilder.BuildCatalog(options, providers, DateTimeOffset.UnixEpoch));
    }
}
