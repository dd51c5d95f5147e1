using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Gateway.Platform.Server;

/// <summary>Registers the server's listening and request limits.</summary>
public static class ServerServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ServerOptions"/>, bound from <c>Server</c> and validated at start.</summary>
    public static IServiceCollection AddTollwayServer(this IServiceCollection services)
    {
        services.TryAddOptionsSection<ServerOptions, ServerOptionsValidator>(ServerOptions.Section, static (options, section) => options.BindConfiguration(section));
        return services;
    }
}
