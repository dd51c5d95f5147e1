using Microsoft.Extensions.Options;

namespace Tollway.Gateway.Platform.Configuration;

/// <summary>
/// Checks the whole configuration at start and reports every problem at once, each with the config key it concerns,
/// so that an operator fixes a file in one pass instead of one restart per mistake: the keys that bind to nothing,
/// then every registered area's validators, in the order the areas registered.
/// </summary>
internal sealed class ConfigurationCheck(IServiceProvider services, TollwayConfigurationSection source, IEnumerable<OptionsSection> sections)
{
    /// <summary>Throws one <see cref="OptionsValidationException"/> listing every failure, when there is any.</summary>
    public void ThrowIfInvalid()
    {
        var failures = Failures();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ConfigurationCheck), failures);
        }
    }

    /// <summary>Every failure, unknown keys first.</summary>
    public IReadOnlyList<string> Failures()
    {
        var failures = ConfigurationKeyChecker.FindUnknownKeys(source.Configuration, sections)
            .Select(key => $"{key}: unknown key (check its spelling against the documented configuration)")
            .ToList();
        foreach (var section in sections)
        {
            try
            {
                _ = section.Resolve(services);
            }
            catch (OptionsValidationException ex)
            {
                failures.AddRange(ex.Failures);
            }
        }

        return failures;
    }
}
