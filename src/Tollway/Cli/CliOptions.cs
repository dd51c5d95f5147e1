using System.CommandLine;

namespace Tollway.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CliOptions
{
    public static Option<string?> Config() => new("--config", "-c")
    {
        Description = "The JSON config file (default: $TOLLWAY_CONFIG, else ./tollway.json when present, else built-in defaults).",
    };
}
