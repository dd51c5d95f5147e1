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
        CreditsCommands.Create(),
        LedgerCommands.Create(),
        PricingCommands.Prices(),
        PricingCommands.Markup(),
        ConfigCommands.Create(),
        ProvidersCommands.Create(),
        ModelsCommands.Create(),
        ChainCommands.Create(),
    };
}
