using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Gateway.Api.Health;

/// <summary>Registers the readiness checks.</summary>
public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="HealthOptions"/> (bound from <c>Health</c>, validated at start) and ASP.NET Core's health checks
    /// with the gateway's own, each tagged <see cref="HealthEndpoints.ReadyTag"/>: <c>database</c>, <c>api_keys</c>,
    /// <c>catalog</c>, <c>charge_writer</c>. Other areas add theirs the same way (the chain's <c>chain</c>, at worst
    /// degraded).
    /// </summary>
    public static IServiceCollection AddTollwayHealth(this IServiceCollection services)
    {
        if (services.TryAddOptionsSection<HealthOptions, HealthOptionsValidator>(HealthOptions.Section, static (options, section) => options.BindConfiguration(section)))
        {
            // Once: a check's name must be unique.
            string[] ready = [HealthEndpoints.ReadyTag];
            services.AddHealthChecks()
                .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, ready)
                .AddCheck<ApiKeysHealthCheck>("api_keys", HealthStatus.Unhealthy, ready)
                .AddCheck<CatalogHealthCheck>("catalog", HealthStatus.Unhealthy, ready)
                .AddCheck<ChargeWriterHealthCheck>("charge_writer", HealthStatus.Unhealthy, ready);
        }

        return services;
    }
}
