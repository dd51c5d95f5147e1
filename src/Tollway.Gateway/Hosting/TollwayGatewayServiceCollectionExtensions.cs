using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Accounts;
using Tollway.Gateway.Billing;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Catalog.Import;
using Tollway.Gateway.Catalog.Shipped;
using Tollway.Gateway.Configuration;
using Tollway.Gateway.Keys;
using Tollway.Gateway.Overload;
using Tollway.Gateway.Policies;
using Tollway.Gateway.Pricing;
using Tollway.Gateway.Proxy;
using Tollway.Gateway.RequestLog;
using Tollway.Gateway.Storage;
using Tollway.Gateway.Routing;
using Tollway.Gateway.Tokens;

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
        services.TryAddSingleton(_ => ShippedCatalog.Default);

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TollwayOptions>>().Value;
            var providers = CatalogBuilder.BuildProviders(options, sp.GetRequiredService<IEnvironmentVariables>(), sp.GetRequiredService<TimeProvider>());
            var catalog = CatalogBuilder.BuildCatalog(
                options, providers, sp.GetRequiredService<TimeProvider>().GetUtcNow(), sp.GetRequiredService<ShippedCatalog>());
            return new CatalogState(providers, catalog);
        });

        services.TryAddSingleton<ApiKeyCache>();
        services.TryAddSingleton<ApiKeyAuthenticator>();
        services.TryAddSingleton<AccountAdministration>();
        services.AddHostedService<ApiKeyCacheRefresher>();

        AddBilling(services);

        services.TryAddSingleton(new RoutingRandom(Random.Shared));
        services.TryAddSingleton<EndpointHealthRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutingStrategy, CheapestStrategy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutingStrategy, LatencyStrategy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutingStrategy, ThroughputStrategy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutingStrategy, WeightedStrategy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutingStrategy, OrderedStrategy>());
        services.TryAddSingleton<Router>();
        services.TryAddSingleton<Pipeline.AttemptRunner>();
        services.TryAddSingleton<RoutePlanner>();
        services.TryAddSingleton<UpstreamForwarder>();
        services.TryAddSingleton<ResponseRelay>();
        services.TryAddSingleton<IX402Payments, DisabledX402Payments>();
        services.TryAddSingleton<Pipeline.RequestLogStage>();
        services.TryAddSingleton<Pipeline.AuthenticateStage>();
        services.TryAddSingleton<Pipeline.ReadStage>();
        services.TryAddSingleton<Pipeline.ResolveStage>();
        services.TryAddSingleton<Pipeline.AdmitStage>();
        services.TryAddSingleton<Pipeline.RequestPipeline>();
        services.TryAddSingleton<Messages.AnthropicTokenCounter>();
        services.TryAddSingleton<Messages.CountTokensHandler>();
        services.TryAddSingleton(sp => ServerLimits.Resolve(
            sp.GetRequiredService<TollwayConfigurationSection>().Configuration.GetSection(nameof(TollwayOptions.Server)), OpenFileLimit.Read()));
        services.TryAddSingleton(sp => new InFlightLimiter(sp.GetRequiredService<ServerLimits>().MaxConcurrentRequests));
        services.TryAddSingleton<LoadShedder>();

        services.TryAddSingleton<RequestLogInbox>();
        services.AddHostedService<RequestLogWriter>();
        return services;
    }

    private static void AddBilling(IServiceCollection services)
    {
        services.TryAddSingleton<IPromptTokenEstimator, TiktokenPromptEstimator>();
        services.TryAddSingleton<PriceBookState>();
        services.AddHostedService<PricingRefresher>();
        services.TryAddSingleton<DatabaseOutage>();
        services.TryAddSingleton<KeyPolicyGate>();
        services.TryAddSingleton<NodeIdentity>();
        services.TryAddSingleton<ChargeWriter>();
        services.TryAddSingleton<BalanceBook>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICreditListener, BalanceBook>(sp => sp.GetRequiredService<BalanceBook>()));
        services.TryAddSingleton<BillingGate>();
        services.TryAddSingleton<LedgerAdministration>();
        services.TryAddSingleton<ModelPriceImporter>();
        // Stopped in reverse order: the charge writer drains its queue before the lease keeper gives the leases back.
        services.AddHostedService<LeaseKeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ChargeWriter>());
    }
}
