using System.CommandLine;
using System.Globalization;
using Tollway.Gateway.Access.Accounts;

namespace Tollway.Cli;

/// <summary><c>tollway accounts create|list</c>.</summary>
internal static class AccountsCommands
{
    public static Command Create()
    {
        var config = CliOptions.Config();
        var name = new Argument<string>("name") { Description = "A name for the account." };
        var create = new Command("create", "Create an account.") { name, config };
        create.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken);
            var account = await services.GetRequiredService<AccountAdministration>().CreateAccountAsync(parse.GetValue(name)!, cancellationToken);
            Console.WriteLine($"Created account {account.Id} ({account.Name}).");
            return 0;
        });

        var list = new Command("list", "List accounts.") { config };
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken);
            var accounts = await services.GetRequiredService<AccountAdministration>().ListAccountsAsync(cancellationToken);
            TablePrinter.Print(
                ["ID", "NAME", "CREATED"],
                accounts.Select(a => new[] { a.Id, a.Name, a.CreatedAt.ToString("u", CultureInfo.InvariantCulture) }));
            return 0;
        });

        return new Command("accounts", "Manage accounts.") { create, list };
    }
}
