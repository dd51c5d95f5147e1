using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Chain.X402;

/// <summary>Registers x402 payments on the configured chains.</summary>
public static class X402ChainServiceCollectionExtensions
{
    /// <summary>Adds <see cref="X402Options"/> (bound from <c>X402</c>, validated at start), the offers and signature
    /// recovery, the relayer, and turns the request path's x402 branch on (where <c>X402:Enabled</c> is set). Needs
    /// <c>AddTollwayChain</c>.</summary>
    public static IServiceCollection AddTollwayX402(this IServiceCollection services)
    {
        services.TryAddSingleton<IEnvironmentVariables, ProcessEnvironmentVariables>();
        services.TryAddOptionsSection<X402Options, X402OptionsValidator>(X402Options.Section, static (options, section) => options.BindConfiguration(section));
        services.TryAddSingleton<IX402Chains, ChainX402Offers>();
        return services.AddTollwayX402Payments<RelayerSettler>();
    }
}
