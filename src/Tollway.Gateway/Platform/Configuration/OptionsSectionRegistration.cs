using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Tollway.Gateway.Platform.Configuration;

/// <summary>How an area's <c>AddTollwayXxx()</c> binds its options and makes them known to the configuration checks.</summary>
public static class OptionsSectionRegistration
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="section"/> of the host's configuration with
    /// <paramref name="bind"/>, validates them with <typeparamref name="TValidator"/> at start, and records the section for
    /// the unknown-key and start-up checks; <see langword="false"/> when they were already added, so that the caller adds
    /// its services only once (and a list is not bound twice, which would append its items twice).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The top-level key the options are bound from.</param>
    /// <param name="bind">Always <c>static (options, section) =&gt; options.BindConfiguration(section)</c>: the
    /// configuration binding source generator binds only where the options type is known, so the area makes the call.</param>
    public static bool TryAddOptionsSection<TOptions, TValidator>(
        this IServiceCollection services, string section, Func<OptionsBuilder<TOptions>, string, OptionsBuilder<TOptions>> bind)
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
        bind(services.AddOptions<TOptions>(), section).ValidateOnStart();
        return true;
    }
}
