using System.CommandLine;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Cli;

/// <summary><c>tollway config check</c>: validates a config file as <c>serve</c> would, without starting anything.</summary>
internal static class ConfigCommands
{
    public static Command Create()
    {
        var config = CliOptions.Config();
        var check = new Command("check", "Validate the configuration (file and TOLLWAY_ environment) and report every error.") { config };
        check.SetAction((parse, cancellationToken) => ConfiguredGateway.RunAsync(parse.GetValue(config), (app, settings) =>
        {
            app.Services.GetRequiredService<ConfigurationCheck>().ThrowIfInvalid();
            var catalog = app.Services.GetRequiredService<CatalogState>();
            Console.WriteLine($"The configuration is valid: {catalog.Providers.All.Count()} providers, {catalog.Current.Models.Count} models.");
            return Task.FromResult(0);
        }));
        return new Command("config", "Work with the configuration.") { check };
    }
}
