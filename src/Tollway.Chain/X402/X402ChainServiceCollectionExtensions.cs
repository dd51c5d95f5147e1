using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Configuration;

namespace Tollway.Chain.X402;

/// <summary>Registers x402 payments on the configured chains.</summary>
public static class X402ChainServiceCollectionExtensions
{
    /// <summary>Adds the <c>X402</c> validation, the offers and signature recovery, the relayer, and turns the
    /// request path's x402 branch on (where <c>X402:Enabled</c> is set). Needs <c>AddTollwayChain</c>.</summary>
    public static IServiceCollection AddTollwayX402(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TollwayOptions>, X402OptionsValidator>());
        services.TryAddSingleton<IX402Chains, ChainX402Offers>();
        return services.AddTollwayX402Payments<RelayerSettler>();
    }
}
