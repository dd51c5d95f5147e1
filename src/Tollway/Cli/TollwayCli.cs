using System.CommandLine;

namespace Tollway.Cli;

/// <summary>The <c>tollway</c> command line.</summary>
internal static class TollwayCli
{
    public static RootCommand Create() => new("Tollway: a self-hosted, OpenAI-compatible LLM gateway paid in stablecoins.")
    {
        ServeCommand.Create(),
        KeysCommands.Create(),
        AccountsCommands.Create(),
        ConfigCommands.Create(),
        ProvidersCommands.Create(),
    };
}
