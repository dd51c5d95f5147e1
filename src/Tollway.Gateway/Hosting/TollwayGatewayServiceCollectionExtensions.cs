using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Gateway.Accounts;
using Tollway.Gateway.Billing;
using Tollway.Gateway.Configuration;
using Tollway.Gateway.Keys;
using Tollway.Gateway.Overload;
using Tollway.Gateway.Pipeline;
using Tollway.Gateway.Policies;
using Tollway.Gateway.Pricing;
using Tollway.Gateway.RequestLog;
using Tollway.Gateway.Routing;
using Tollway.Gateway.Server;
using Tollway.Gateway.Storage;
using Tollway.Gateway.Tokens;

namespace Tollway.Gateway.Hosting;

/// <summary>Registers the gateway's services. Storage comes from a storage package (<c>AddTollwaySqlite</c>).</summary>
public static class TollwayGatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds every area of the gateway, each with its options (bound from the host's <see cref="IConfiguration"/>,
    /// validated at start), the catalog, keys, the request path and the request log. <paramref name="configuration"/> is
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
        services.TryAddSingleton<Messages.AnthropicTokenCounter>();
        services.TryAddSingleton<Messages.CountTokensHandler>();
        services.TryAddSingleton(sp => ServerLimits.Resolve(
            sp.GetRequiredService<TollwayConfigurationSection>().Configuration.GetSection(ServerOptions.Section), OpenFileLimit.Read()));
        services.TryAddSingleton(sp => new InFlightLimiter(sp.GetRequiredService<ServerLimits>().MaxConcurrentRequests));
        services.TryAddSingleton<LoadShedder>();

        services.AddTollwayRequestLog();
        return services;
    }
}
