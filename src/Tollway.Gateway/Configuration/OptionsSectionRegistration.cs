using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Tollway.Gateway.Configuration;

/// <summary>How an area's <c>AddTollwayXxx()</c> makes its options known to the configuration checks.</summary>
public static class OptionsSectionRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TValidator"/> for <typeparamref name="TOptions"/> and records that the options are
    /// bound from <paramref name="section"/>; <see langword="false"/> when they were already registered, so that the
    /// caller binds them (and adds its services) only once: binding a list twice would append its items twice.
    /// </summary>
    public static bool TryAddOptionsSection<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        if (services.Any(d => d.ServiceType == typeof(OptionsSection) && d.ImplementationInstance is OptionsSection { } s && s.OptionsType == typeof(TOptions)))
        {
            return false;
        }

        services.AddSingleton(new OptionsSection(section, typeof(TOptions), sp => sp.GetRequiredService<IOptions<TOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        services.TryAddSingleton(typeof(BoundOptions<>));
        return true;
    }
}
