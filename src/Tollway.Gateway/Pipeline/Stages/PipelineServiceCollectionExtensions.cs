using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>Registers the request pipeline: its stages, the attempts and what they forward and relay with.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>Adds the stages and <see cref="RequestPipeline"/>; x402 stays off (401 without a key) unless the chain
    /// module registers its payments first.</summary>
    public static IServiceCollection AddTollwayPipeline(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<RequestMetrics>();
        services.TryAddSingleton<AttemptMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMetricSeriesSeed, AttemptMetricsSeed>());
        services.TryAddSingleton<RoutePlanner>();
        services.TryAddSingleton<UpstreamForwarder>();
        services.TryAddSingleton<ResponseRelay>();
        services.TryAddSingleton<AttemptRunner>();
        services.TryAddSingleton<IX402Payments, DisabledX402Payments>();
        services.TryAddSingleton<RequestLogStage>();
        services.TryAddSingleton<AuthenticateStage>();
        services.TryAddSingleton<ReadStage>();
        services.TryAddSingleton<ResolveStage>();
        services.TryAddSingleton<AdmitStage>();
        services.TryAddSingleton<RequestPipeline>();
        return services;
    }
}
