using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tollway.Chain.Chains;
using Tollway.Chain.Deposits;
using Tollway.Chain.Rpc;
using Tollway.Chain.SignIn;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Chain.Hosting;

/// <summary>Registers Tollway's chain module.</summary>
public static class ChainServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ChainsOptions"/> and <see cref="SignInOptions"/> (bound from <c>Chains</c> and
    /// <c>SignIn</c>, validated at start with the gateway's options), the resolved chains, their JSON-RPC clients, the
    /// deposit watcher with its metrics and its health check (<c>chain</c>, tagged <c>ready</c>, at worst degraded), and
    /// wallet sign-in.</summary>
    public static IServiceCollection AddTollwayChain(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(DepositWatchStatus)))
        {
            // Once: a health check's name must be unique.
            services.AddHealthChecks().AddCheck<ChainWatchHealthCheck>("chain", failureStatus: HealthStatus.Degraded, tags: ["ready"]);
        }

        services.AddMetrics();
        services.TryAddOptionsSection<ChainsOptions, ChainOptionsValidator>(ChainsOptions.Section, static (options, section) => options.BindConfiguration(section));
        services.TryAddOptionsSection<SignInOptions, SignInOptionsValidator>(SignInOptions.Section, static (options, section) => options.BindConfiguration(section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChainRegistry>();
        services.TryAddSingleton(RpcRetryPolicy.Default);
        services.TryAddSingleton<IEthereumRpcFactory, EthereumRpcFactory>();
        services.TryAddSingleton<DepositWatchStatus>();
        services.TryAddSingleton<DepositMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMetricSeriesSeed, DepositMetrics>(sp => sp.GetRequiredService<DepositMetrics>()));
        services.TryAddSingleton<DepositCrediting>();
        services.TryAddSingleton<DepositScannerFactory>();
        services.TryAddSingleton<DepositReconciler>();
        services.AddHostedService<DepositWatcher>();
        services.TryAddSingleton<SignInSecret>();
        services.TryAddSingleton<SiweNonces>();
        services.TryAddSingleton<SessionTokens>();
        services.TryAddSingleton<SignatureCheck>();
        services.TryAddSingleton<SignInService>();
        return services;
    }
}
