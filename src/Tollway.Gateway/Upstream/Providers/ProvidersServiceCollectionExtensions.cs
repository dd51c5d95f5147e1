using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Gateway.Upstream.Providers;

/// <summary>Registers the configured upstream providers' options.</summary>
public static class ProvidersServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ProvidersOptions"/>, bound from <c>Providers</c> and validated at start (keys read from the
    /// process environment unless another <see cref="IEnvironmentVariables"/> is registered).</summary>
    public static IServiceCollection AddTollwayProviders(this IServiceCollection services)
    {
        services.TryAddSingleton<IEnvironmentVariables, ProcessEnvironmentVariables>();
        services.TryAddOptionsSection<ProvidersOptions, ProvidersOptionsValidator>(ProvidersOptions.Section, static (options, section) => options.BindConfiguration(section));
        return services;
    }
}
