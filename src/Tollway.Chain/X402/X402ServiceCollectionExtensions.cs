using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Chain.X402;

/// <summary>Registers x402 on the request path. The chain module calls it with its relayer, after registering
/// <see cref="IX402Chains"/>; without it requests without a key stay refused.</summary>
public static class X402ServiceCollectionExtensions
{
    /// <summary>
    /// Turns x402 on where <c>X402:Enabled</c> is set: payments settle through the facilitator at
    /// <c>X402:FacilitatorUrl</c> when one is configured, otherwise through <typeparamref name="TRelayer"/>.
    /// </summary>
    public static IServiceCollection AddTollwayX402Payments<TRelayer>(this IServiceCollection services)
        where TRelayer : class, IX402Settler
    {
        services.AddMetrics();
        services.TryAddSingleton<X402Metrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMetricSeriesSeed, X402Metrics>(sp => sp.GetRequiredService<X402Metrics>()));
        services.TryAddSingleton<TRelayer>();
        services.AddHttpClient(FacilitatorSettler.HttpClientName);
        services.TryAddSingleton<IX402Settler>(sp => sp.GetRequiredService<IOptions<X402Options>>().Value.FacilitatorUrl is null
            ? sp.GetRequiredService<TRelayer>()
            : ActivatorUtilities.CreateInstance<FacilitatorSettler>(sp));
        services.Replace(ServiceDescriptor.Singleton<IX402Payments>(sp => sp.GetRequiredService<IOptions<X402Options>>().Value.Enabled
            ? ActivatorUtilities.CreateInstance<X402Gate>(sp)
            : new DisabledX402Payments()));
        return services;
    }
}
