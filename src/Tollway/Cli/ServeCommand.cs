using System.CommandLine;
using Tollway.Hosting;

namespace Tollway.Cli;

/// <summary><c>tollway serve</c>: runs the gateway until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = CliOptions.Config();
        var command = new Command("serve", "Run the gateway (SQLite by default; the database is created and migrated at start).") { config };
        command.SetAction((parse, cancellationToken) => ConfiguredGateway.RunAsync(parse.GetValue(config), async (app, settings) =>
        {
            await GatewayHost.StartAsync(app, settings, cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
