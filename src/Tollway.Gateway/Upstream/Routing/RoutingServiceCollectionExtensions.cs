using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Gateway.Upstream.Routing;

/// <summary>Registers routing: the strategies, endpoint health and the router.</summary>
public static class RoutingServiceCollectionExtensions
{
    /// <summary>Adds the catalog (<c>AddTollwayCatalog</c>), <see cref="RoutingOptions"/> (bound from <c>Routing</c>,
    /// validated at start), endpoint health, the built-in strategies and the router.</summary>
    public static IServiceCollection AddTollwayRouting(this IServiceCollection services)
    {
        services.AddTollwayCatalog();
        if (services.TryAddOptionsSection<RoutingOptions, RoutingOptionsValidator>(RoutingOptions.Section, static (options, section) => options.BindConfiguration(section)))
        {
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton(new RoutingRandom(Random.Shared));
            services.AddMetrics();
            services.TryAddSingleton<RoutingMetrics>();
            services.TryAddSingleton(static sp =>
            {
                var registry = ActivatorUtilities.CreateInstance<EndpointHealthRegistry>(sp);
                sp.GetRequiredService<RoutingMetrics>().ObserveCircuits(registry);
                return registry;
            });
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutingStrategy, CheapestStrategy>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutingStrategy, LatencyStrategy>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutingStrategy, ThroughputStrategy>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutingStrategy, WeightedStrategy>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutingStrategy, OrderedStrategy>());
            services.TryAddSingleton<Router>();
        }

        return services;
    }
}
