using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Accounts;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Configuration;
using Tollway.Gateway.Keys;
using Tollway.Gateway.Proxy;
using Tollway.Gateway.RequestLog;

namespace Tollway.Gateway.Hosting;

/// <summary>Registers the gateway's services. Storage comes from a storage package (<c>AddTollwaySqlite</c>).</summary>
public static class TollwayGatewayServiceCollectionExtensions
{
    /// <summary>Adds options (validated at start), the catalog, keys, the request path and the request log.</summary>
    public static IServiceCollection AddTollwayGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TollwayOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddSingleton(new TollwayConfigurationSection(configuration));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TollwayOptions>, TollwayOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEnvironmentVariables, ProcessEnvironmentVariables>();

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TollwayOptions>>().Value;
            var providers = CatalogBuilder.BuildProviders(options, sp.GetRequiredService<IEnvironmentVariables>());
            var catalog = CatalogBuilder.BuildCatalog(options, providers, sp.GetRequiredService<TimeProvider>().GetUtcNow());
            return new CatalogState(providers, catalog);
        });

        services.TryAddSingleton<ApiKeyCache>();
        services.TryAddSingleton<ApiKeyAuthenticator>();
        services.TryAddSingleton<AccountAdministration>();
        services.AddHostedService<ApiKeyCacheRefresher>();

        services.TryAddSingleton<UpstreamForwarder>();
        services.TryAddSingleton<ResponseRelay>();
        services.TryAddSingleton<ProxyHandler>();

        services.TryAddSingleton<RequestLogInbox>();
        services.AddHostedService<RequestLogWriter>();
        return services;
    }
}
