using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tollway.Chain.Chains;
using Tollway.Chain.Rpc;
using Tollway.Gateway.Configuration;

namespace Tollway.Chain.Hosting;

/// <summary>Registers Tollway's chain module.</summary>
public static class ChainServiceCollectionExtensions
{
    /// <summary>Adds chain validation (at start, beside the gateway's), the resolved chains and their JSON-RPC clients.</summary>
    public static IServiceCollection AddTollwayChain(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TollwayOptions>, ChainOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChainRegistry>();
        services.TryAddSingleton(RpcRetryPolicy.Default);
        services.TryAddSingleton<IEthereumRpcFactory, EthereumRpcFactory>();
        return services;
    }
}
