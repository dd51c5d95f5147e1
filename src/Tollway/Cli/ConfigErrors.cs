using Microsoft.Extensions.Options;

namespace Tollway.Cli;

/// <summary>Prints every configuration error, one per line, each with its config key.</summary>
internal static class ConfigErrors
{
    public const int ExitCode = 2;

    public static int Print(OptionsValidationException exception)
    {
        Console.Error.WriteLine($"The configuration has {exception.Failures.Count()} error(s):");
        foreach (var failure in exception.Failures)
        {
            Console.Error.WriteLine("  - " + failure);
        }

        return ExitCode;
    }
}
