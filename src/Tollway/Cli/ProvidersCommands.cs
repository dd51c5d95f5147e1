using System.CommandLine;
using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Cli;

/// <summary><c>tollway providers presets</c>: what each preset means, for writing a config.</summary>
internal static class ProvidersCommands
{
    public static Command Create()
    {
        var presets = new Command("presets", "List the provider presets a config can name.");
        presets.SetAction(_ =>
        {
            TablePrinter.Print(
                ["PRESET", "BASE URL", "KEY FROM", "SERVES"],
                ProviderPresets.All.Select(p => new[]
                {
                    p.Name,
                    p.BaseUrl ?? "(BaseUrl required)",
                    p.RequiresApiKey ? p.ApiKeyEnvironmentVariable ?? "ApiKey" : "(no key needed)",
                    p.Operations.ToString(),
                }));
            return 0;
        });
        return new Command("providers", "Provider presets.") { presets };
    }
}
