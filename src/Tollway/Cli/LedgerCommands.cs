using System.CommandLine;
using System.Globalization;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Wire;

namespace Tollway.Cli;

/// <summary><c>tollway ledger balance|journal|reconcile</c>: read the books.</summary>
internal static class LedgerCommands
{
    public static Command Create() => new("ledger", "Read the books.") { Balance(), Journal(), Reconcile() };

    private static Command Balance()
    {
        var config = CliOptions.Config();
        var account = new Argument<string>("account") { Description = "The account id (acct_…)." };
        var command = new Command("balance", "Show an account's balance.") { account, config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken);
            var (balance, leased) = await services.GetRequiredService<LedgerAdministration>().GetBalanceAsync(parse.GetValue(account)!, cancellationToken);
            Console.WriteLine($"Balance: ${UsdAmount.FormatUsd(balance)} (leased to gateway nodes for requests in flight: ${UsdAmount.FormatUsd(leased)})");
            return 0;
        });
        return command;
    }

    private static Command Journal()
    {
        var config = CliOptions.Config();
        var account = new Option<string?>("--account", "-a") { Description = "Only entries that touch this account." };
        var after = new Option<long>("--after") { Description = "Only entries after this sequence number (paging)." };
        var limit = new Option<int>("--limit", "-n") { Description = "How many entries.", DefaultValueFactory = _ => 50 };
        var command = new Command("journal", "List journal entries.") { account, after, limit, config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken);
            var entries = await services.GetRequiredService<LedgerAdministration>().ListJournalAsync(
                new JournalQuery(parse.GetValue(account), parse.GetValue(after), parse.GetValue(limit)), cancellationToken);
            TablePrinter.Print(
                ["SEQ", "TIME", "KIND", "REFERENCE", "POSTINGS (USD)", "MEMO"],
                entries.Select(e => new[]
                {
                    e.Sequence.ToString(CultureInfo.InvariantCulture), e.CreatedAt.ToString("u", CultureInfo.InvariantCulture), e.Kind.ToString().ToLowerInvariant(),
                    e.Reference, string.Join(' ', e.Postings.Select(p => $"{p.Account}{(p.Amount >= 0 ? "+" : "")}{UsdAmount.FormatUsd(p.Amount)}")), e.Memo ?? "",
                }));
            return 0;
        });
        return command;
    }

    private static Command Reconcile()
    {
        var config = CliOptions.Config();
        var command = new Command("reconcile", "Check that the books balance; exit 1 when they do not.") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken);
            var books = await services.GetRequiredService<LedgerAdministration>().ReconcileAsync(cancellationToken);
            Console.WriteLine($"Sum of all postings:   ${UsdAmount.FormatUsd(books.SumOfPostings)} (must be 0)");
            Console.WriteLine($"Customer balances:     ${UsdAmount.FormatUsd(books.UserBalances)}");
            Console.WriteLine($"Leased to nodes:       ${UsdAmount.FormatUsd(books.ActiveLeases)}");
            foreach (var (name, total) in books.SystemAccounts)
            {
                Console.WriteLine($"{name,-22} ${UsdAmount.FormatUsd(total)}");
            }

            foreach (var reference in books.UnbalancedTransactions)
            {
                Console.WriteLine($"UNBALANCED transaction: {reference}");
            }

            foreach (var account in books.CachedBalanceMismatches)
            {
                Console.WriteLine($"MISMATCH between cached balance and journal: {account}");
            }

            Console.WriteLine(books.IsBalanced ? "The books balance." : "The books do NOT balance.");
            return books.IsBalanced ? 0 : 1;
        });
        return command;
    }
}
