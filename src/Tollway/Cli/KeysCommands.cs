using System.CommandLine;
using System.Globalization;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Cli;

/// <summary><c>tollway keys create|list|revoke</c>.</summary>
internal static class KeysCommands
{
    public static Command Create() => new("keys", "Manage API keys.") { CreateCommand(), ListCommand(), RevokeCommand(), LimitsCommand() };

    private static Command LimitsCommand()
    {
        var config = CliOptions.Config();
        var id = new Argument<string>("id") { Description = "The key id (key_…)." };
        var spend = new Option<string?>("--spend-limit") { Description = "Total spend cap in USD." };
        var daily = new Option<string?>("--daily-spend-limit") { Description = "Spend cap per UTC day in USD." };
        var monthly = new Option<string?>("--monthly-spend-limit") { Description = "Spend cap per UTC month in USD." };
        var rpm = new Option<int?>("--rpm") { Description = "Requests per minute." };
        var tpm = new Option<int?>("--tpm") { Description = "Tokens per minute." };
        var concurrent = new Option<int?>("--max-concurrent") { Description = "Requests in flight at once." };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the key stops working (ISO 8601)." };
        var command = new Command("limits", "Replace a key's limits (options left out mean no limit).")
        {
            id, spend, daily, monthly, rpm, tpm, concurrent, expires, config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (limits, bad) = Tollway.Gateway.Api.Admin.KeyLimitsMapping.FromRequest(new Tollway.Gateway.Api.Admin.KeyLimitsRequest(
                parse.GetValue(spend), parse.GetValue(daily), parse.GetValue(monthly), parse.GetValue(rpm), parse.GetValue(tpm),
                parse.GetValue(concurrent), parse.GetValue(expires)));
            if (limits is null)
            {
                Console.Error.WriteLine($"'{bad}' is not valid: spend limits are USD amounts, rates and concurrency positive integers.");
                return 1;
            }

            await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken);
            var updated = await services.GetRequiredService<Tollway.Gateway.Money.Billing.LedgerAdministration>().SetKeyLimitsAsync(parse.GetValue(id)!, limits, cancellationToken);
            if (updated is null)
            {
                Console.Error.WriteLine($"There is no key '{parse.GetValue(id)}'.");
                return 1;
            }

            Console.WriteLine($"Limits of key {updated.Id} ({updated.Masked}) replaced; running gateways apply them within a second.");
            return 0;
        });
        return command;
    }

    private static Command CreateCommand()
    {
        var config = CliOptions.Config();
        var account = new Option<string>("--account", "-a") { Description = "The account the key belongs to.", Required = true };
        var name = new Option<string?>("--name", "-n") { Description = "A name to recognise the key by." };
        var role = new Option<string>("--role", "-r")
        {
            Description = "What the key may do: inference (call models, read its account), management (also manage the account's keys) or admin.",
            DefaultValueFactory = _ => ApiKeyRoleNames.Inference,
        };
        role.AcceptOnlyFromAmong(ApiKeyRoleNames.Inference, ApiKeyRoleNames.Management, ApiKeyRoleNames.Admin);
        var models = new Option<string[]>("--model", "-m") { Description = "Restrict the key to this model (repeatable).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("create", "Create a key; it is printed once.") { account, name, role, models, config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // AcceptOnlyFromAmong has let only the three names through.
            _ = ApiKeyRoleNames.TryParse(parse.GetValue(role), out var parsedRole);
            await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken);
            var created = await services.GetRequiredService<AccountAdministration>().CreateKeyAsync(
                parse.GetValue(account)!,
                parse.GetValue(name) ?? "",
                parsedRole,
                parse.GetValue(models),
                cancellationToken);
            if (created is null)
            {
                Console.Error.WriteLine($"There is no account '{parse.GetValue(account)}'.");
                return 1;
            }

            Console.WriteLine($"Created key {created.Record.Id} for account {created.Record.AccountId}. It is shown this once:");
            Console.WriteLine();
            Console.WriteLine("    " + created.PlaintextKey);
            Console.WriteLine();
            return 0;
        });
        return command;
    }

    private static Command ListCommand()
    {
        var config = CliOptions.Config();
        var account = new Option<string?>("--account", "-a") { Description = "Only this account's keys." };
        var command = new Command("list", "List keys (masked).") { account, config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken);
            var keys = await services.GetRequiredService<AccountAdministration>().ListKeysAsync(parse.GetValue(account), cancellationToken);
            TablePrinter.Print(
                ["ID", "ACCOUNT", "NAME", "KEY", "ROLE", "MODELS", "CREATED", "REVOKED"],
                keys.Select(k => new[]
                {
                    k.Id, k.AccountId, k.Name, k.Masked, ApiKeyRoleNames.Of(k.Role),
                    k.AllowedModels is null ? "*" : string.Join(',', k.AllowedModels),
                    k.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
                    k.RevokedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "",
                }));
            return 0;
        });
        return command;
    }

    private static Command RevokeCommand()
    {
        var config = CliOptions.Config();
        var id = new Argument<string>("id") { Description = "The key id (key_…)." };
        var command = new Command("revoke", "Revoke a key; running gateways stop accepting it within a second.") { id, config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken);
            var revoked = await services.GetRequiredService<AccountAdministration>().RevokeKeyAsync(parse.GetValue(id)!, cancellationToken);
            if (revoked is null)
            {
                Console.Error.WriteLine($"There is no key '{parse.GetValue(id)}'.");
                return 1;
            }

            Console.WriteLine($"Revoked key {revoked.Id} ({revoked.Masked}).");
            return 0;
        });
        return command;
    }
}
