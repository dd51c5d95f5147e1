using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Gateway.Platform.Storage;

/// <summary>Registers what every storage backend shares; the backend itself comes from a storage package.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Adds <see cref="DatabaseOptions"/>, bound from <c>Database</c> and validated at start, and the outage tracker.</summary>
    public static IServiceCollection AddTollwayDatabase(this IServiceCollection services)
    {
        services.TryAddOptionsSection<DatabaseOptions, DatabaseOptionsValidator>(DatabaseOptions.Section, static (options, section) => options.BindConfiguration(section));
        services.TryAddSingleton<DatabaseOutage>();
        return services;
    }
}
