using Tollway.Gateway.Access.Accounts;

namespace Tollway.Hosting;

/// <summary>Shows the operator's admin key the one time it exists in plaintext, on standard output (never in the log).</summary>
internal static class FirstRunBanner
{
    public static async Task WriteAsync(TextWriter output, CreatedApiKey created)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync("Tollway created the operator account and its admin key. The key is shown this once; store it now:");
        await output.WriteLineAsync();
        await output.WriteLineAsync("    " + created.PlaintextKey);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"It is key {created.Record.Id} of account {created.Record.AccountId}. Create more with `tollway keys create`.");
        await output.WriteLineAsync();
        await output.FlushAsync();
    }
}
