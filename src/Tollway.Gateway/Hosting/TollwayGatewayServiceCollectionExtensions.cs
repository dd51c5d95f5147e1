using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Access.Policies;
using Tollway.Gateway.Api.Health;
using Tollway.Gateway.Catalog.Tokens;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Pipeline.Overload;
using Tollway.Gateway.Pipeline.RequestLog;
using Tollway.Gateway.Pipeline.Stages;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Platform.Server;
using Tollway.Gateway.Platform.Storage;
using Tollway.Gateway.Platform.Telemetry;
using Tollway.Gateway.Upstream.Routing;

namespace Tollway.Gateway.Hosting;

/// <summary>Registers the gateway's services. Storage comes from a storage package (<c>AddTollwaySqlite</c>).</summary>
public static class TollwayGatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds every area of the gateway, each with its options (bound from the host's <see cref="IConfiguration"/>,
    /// validated at start), the catalog, keys, the request path, the request log and the readiness checks. <paramref name="configuration"/> is
    /// Tollway's own configuration, whose every key <see cref="ConfigurationCheck"/> holds to the areas' options.
    /// </summary>
    public static IServiceCollection AddTollwayGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(new TollwayConfigurationSection(configuration));
        services.TryAddSingleton<ConfigurationCheck>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTollwayServer();
        services.AddTollwayDatabase();

        services.TryAddSingleton<ApiKeyCache>();
        services.TryAddSingleton<ApiKeyAuthenticator>();
        services.TryAddSingleton<AccountAdministration>();
        services.AddHostedService<ApiKeyCacheRefresher>();

        services.TryAddSingleton<IPromptTokenEstimator, TiktokenPromptEstimator>();
        services.AddTollwayPricing();
        services.AddTollwayKeyPolicies();
        services.AddTollwayBilling();
        services.AddTollwayRouting();

        services.AddTollwayPipeline();
        services.TryAddSingleton<Api.Messages.AnthropicTokenCounter>();
        services.TryAddSingleton<Api.Messages.CountTokensHandler>();
        services.TryAddSingleton(sp => ServerLimits.Resolve(
            sp.GetRequiredService<TollwayConfigurationSection>().Configuration.GetSection(ServerOptions.Section), OpenFileLimit.Read()));
        services.TryAddSingleton(sp => new InFlightLimiter(sp.GetRequiredService<ServerLimits>().MaxConcurrentRequests));
        services.AddMetrics();
        services.TryAddSingleton<OverloadMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMetricSeriesSeed, OverloadMetrics>(sp => sp.GetRequiredService<OverloadMetrics>()));
        services.TryAddSingleton<LoadShedder>();

        services.AddTollwayRequestLog();
        services.AddTollwayHealth();
        return services;
    }
}
