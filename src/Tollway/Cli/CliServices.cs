using Microsoft.Extensions.Options;
using Tollway.Chain.Chains;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Money.Pricing.Import;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Platform.Storage;
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
        var builder = new ConfigurationBuilder();
        TollwayConfiguration.AddSources(builder, TollwayConfiguration.ResolvePath(configPath), overrides: null);
        var configuration = builder.Build();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var sources = CatalogSources.Bind(configuration);

        var services = new ServiceCollection();
        // Bound as they are, without the validators: see the summary.
        services.AddSingleton(Options.Create(database));
        services.AddSingleton(Options.Create(configuration.GetSection(PriceBookOptions.Section).Get<PriceBookOptions>() ?? new PriceBookOptions()));
        services.AddSingleton(Options.Create(configuration.GetSection(ChainsOptions.Section).Get<ChainsOptions>() ?? new ChainsOptions()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<AccountAdministration>();
        services.AddSingleton<PriceBookState>();
        services.AddSingleton<LedgerAdministration>();
        // The catalog as the gateway builds it (shipped models included), for `models`; built when first asked for, and
        // without provider keys, which only the gateway needs.
        services.AddSingleton(_ => BuildCatalog(sources));
        services.AddSingleton<ModelPriceImporter>();
        services.AddTollwayStorage(database);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IDatabaseMigrator>().MigrateAsync(cancellationToken);
        return provider;
    }

    private static CatalogState BuildCatalog(CatalogSources options)
    {
        var providers = CatalogBuilder.BuildProviders(options.Providers, new ProcessEnvironmentVariables());
        return new CatalogState(providers, CatalogBuilder.BuildCatalog(options, providers, DateTimeOffset.UnixEpoch));
    }
}
