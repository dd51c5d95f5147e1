using System.CommandLine;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Configuration;
using Tollway.Hosting;

namespace Tollway.Cli;

/// <summary><c>tollway config check</c>: validates a config file as <c>serve</c> would, without starting anything.</summary>
internal static class ConfigCommands
{
    public static Command Create()
    {
        var config = CliOptions.Config();
        var check = new Command("check", "Validate the configuration (file and TOLLWAY_ environment) and report every error.") { config };
        check.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new GatewayHostSettings { ConfigPath = TollwayConfiguration.ResolvePath(parse.GetValue(config)) };
            await using var app = GatewayHost.Build(settings);
            try
            {
                app.Services.GetRequiredService<ConfigurationCheck>().ThrowIfInvalid();
                var catalog = app.Services.GetRequiredService<CatalogState>();
                Console.WriteLine($"The configuration is valid: {catalog.Providers.All.Count()} providers, {catalog.Current.Models.Count} models.");
                return 0;
            }
            catch (OptionsValidationException ex)
            {
                return ConfigErrors.Print(ex);
            }
        });
        return new Command("config", "Work with the configuration.") { check };
    }
}
