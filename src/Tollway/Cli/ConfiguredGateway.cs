using Microsoft.Extensions.Options;
using Tollway.Hosting;

namespace Tollway.Cli;

/// <summary>
/// The gateway as a command sees it: built from the config its <c>--config</c> option names (else the usual search),
/// with a configuration that does not validate printed, every error with its key, instead of thrown.
/// </summary>
internal static class ConfiguredGateway
{
    /// <summary>Builds the gateway, runs <paramref name="work"/> on it, and disposes of it; the exit code is the work's.</summary>
    public static async Task<int> RunAsync(string? configOption, Func<WebApplication, GatewayHostSettings, Task<int>> work)
    {
        var settings = new GatewayHostSettings { ConfigPath = TollwayConfiguration.ResolvePath(configOption) };
        await using var app = GatewayHost.Build(settings);
        try
        {
            return await work(app, settings);
        }
        catch (OptionsValidationException ex)
        {
            return ConfigErrors.Print(ex);
        }
    }
}
