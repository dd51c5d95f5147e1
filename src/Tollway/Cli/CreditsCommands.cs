using System.CommandLine;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Wire;

namespace Tollway.Cli;

/// <summary><c>tollway credits add|debit</c>: move money on an account, once per idempotency key.</summary>
internal static class CreditsCommands
{
    public static Command Create() => new("credits", "Credit or debit an account.") { Move("add", credit: true), Move("debit", credit: false) };

    private static Command Move(string name, bool credit)
    {
        var config = CliOptions.Config();
        var account = new Argument<string>("account") { Description = "The account id (acct_…)." };
        var amount = new Argument<string>("amount") { Description = "USD, as decimal text (10.50)." };
        var reason = new Option<string>("--reason", "-r") { Description = "Why (kept in the journal).", Required = true };
        var key = new Option<string>("--idempotency-key", "-k")
        {
            Description = "A unique id for this movement: running the command again with it changes nothing.",
            Required = true,
        };
        var command = new Command(name, credit ? "Add money to an account." : "Take money from an account.") { account, amount, reason, key, config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!UsdAmount.TryParseNanos(parse.GetValue(amount)!, out var nanos) || nanos <= 0)
            {
                Console.Error.WriteLine("The amount must be a positive USD amount such as 10.50.");
                return 1;
            }

            await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken);
            var ledger = services.GetRequiredService<LedgerAdministration>();
            var id = parse.GetValue(account)!;
            var outcome = credit
                ? await ledger.CreditAsync(id, nanos, parse.GetValue(reason)!, parse.GetValue(key)!, cancellationToken)
                : await ledger.DebitAsync(id, nanos, parse.GetValue(reason)!, parse.GetValue(key)!, cancellationToken);
            var (balance, _) = await ledger.GetBalanceAsync(id, cancellationToken);
            switch (outcome)
            {
                case null:
                    Console.Error.WriteLine($"There is no account '{id}'.");
                    return 1;
                case PostOutcome.InsufficientFunds:
                    Console.Error.WriteLine($"Refused: the account has ${UsdAmount.FormatUsd(balance)}, part of which may be leased to requests in flight.");
                    return 1;
                case PostOutcome.Duplicate:
                    Console.WriteLine($"Already done under this idempotency key; nothing changed. Balance: ${UsdAmount.FormatUsd(balance)}.");
                    return 0;
                default:
                    Console.WriteLine($"{(credit ? "Credited" : "Debited")} ${UsdAmount.FormatUsd(nanos)}. Balance: ${UsdAmount.FormatUsd(balance)}.");
                    return 0;
            }
        });
        return command;
    }
}
