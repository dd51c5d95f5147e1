using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tollway.Chain.Chains;
using Tollway.Chain.Deposits;
using Tollway.Chain.Rpc;
using Tollway.Chain.SignIn;
using Tollway.Gateway.Configuration;

namespace Tollway.Chain.Hosting;

/// <summary>Registers Tollway's chain module.</summary>
public static class ChainServiceCollectionExtensions
{
    /// <summary>Adds chain validation (at start, beside the gateway's), the resolved chains, their JSON-RPC clients, the deposit watcher, and wallet sign-in.</summary>
    public static IServiceCollection AddTollwayChain(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TollwayOptions>, ChainOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChainRegistry>();
        services.TryAddSingleton(RpcRetryPolicy.Default);
        services.TryAddSingleton<IEthereumRpcFactory, EthereumRpcFactory>();
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
