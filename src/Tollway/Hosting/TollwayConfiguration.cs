
namespace Tollway.Hosting;

/// <summary>
/// Where configuration comes from, in increasing precedence: the JSON file, then <c>TOLLWAY_</c> environment
/// variables (<c>TOLLWAY_Providers__openai__ApiKey</c>), then values given in code (tests).
/// </summary>
internal static class TollwayConfiguration
{
    /// <summary>The environment variable that names the config file when <c>--config</c> is not given.</summary>
    public const string ConfigFileVariable = "TOLLWAY_CONFIG";

    /// <summary>The file read from the working directory when neither names one.</summary>
    public const string DefaultConfigFile = "tollway.json";

    public static string? ResolvePath(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return explicitPath;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(ConfigFileVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        return File.Exists(DefaultConfigFile) ? DefaultConfigFile : null;
    }

    public static void AddSources(IConfigurationBuilder builder, string? configPath, IDictionary<string, string?>? overrides)
    {
        if (configPath is not null)
        {
            if (!File.Exists(configPath))
            {
                throw new FileNotFoundException($"The config file '{configPath}' does not exist.", configPath);
            }

            builder.AddJsonFile(Path.GetFullPath(configPath), optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables("TOLLWAY_");
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }
    }
}
