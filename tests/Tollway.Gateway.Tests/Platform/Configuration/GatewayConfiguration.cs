using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tollway.Gateway.Hosting;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Gateway.Tests.Platform.Configuration;

/// <summary>The gateway's areas as <c>AddTollwayGateway</c> registers them, over a given configuration.</summary>
internal static class GatewayConfiguration
{
    /// <summary>Every section the gateway's areas bind.</summary>
    public static IReadOnlyList<OptionsSection> Sections { get; } =
        [.. new ServiceCollection().AddTollwayGateway(new ConfigurationBuilder().Build()).Select(d => d.ImplementationInstance).OfType<OptionsSection>()];

    /// <summary>The services of a gateway configured with <paramref name="configuration"/>, keys read from <paramref name="environment"/>.</summary>
    public static ServiceProvider Services(IConfiguration configuration, IEnvironmentVariables environment)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(environment);
        services.AddTollwayGateway(configuration);
        return services.BuildServiceProvider();
    }
}
