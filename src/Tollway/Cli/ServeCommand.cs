using System.CommandLine;
using Microsoft.Extensions.Options;
using Tollway.Hosting;

namespace Tollway.Cli;

/// <summary><c>tollway serve</c>: runs the gateway until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = CliOptions.Config();
        var command = new Command("serve", "Run the gateway (SQLite by default; the database is created and migrated at start).") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new GatewayHostSettings { ConfigPath = TollwayConfiguration.ResolvePath(parse.GetValue(config)) };
            await using var app = GatewayHost.Build(settings);
            try
            {
                await GatewayHost.StartAsync(app, settings, cancellationToken);
            }
            catch (OptionsValidationException ex)
            {
                return ConfigErrors.Print(ex);
            }

            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
