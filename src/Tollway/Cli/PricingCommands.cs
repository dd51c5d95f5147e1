using System.CommandLine;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Pricing;

namespace Tollway.Cli;

/// <summary><c>tollway prices set</c> and <c>tollway markup set|clear</c>: change what requests are billed at, without a restart.</summary>
internal static class PricingCommands
{
    public static Command Prices()
    {
        var config = CliOptions.Config();
        var model = new Argument<string>("model") { Description = "The public model id." };
        var provider = new Option<string>("--provider", "-p") { Description = "The provider serving it.", Required = true };
        var input = new Option<string>("--input") { Description = "USD per million prompt tokens.", Required = true };
        var output = new Option<string>("--output") { Description = "USD per million output tokens.", Required = true };
        var cached = new Option<string?>("--cached-input") { Description = "USD per million cached prompt tokens." };
        var write = new Option<string?>("--cache-write") { Description = "USD per million prompt tokens written to the cache." };
        var reasoning = new Option<string?>("--reasoning") { Description = "USD per million reasoning tokens." };
        var request = new Option<string?>("--request") { Description = "USD per request (without it, the fee in force stays)." };
        var set = new Command("set", "Set an endpoint's prices; running gateways quote new requests at them within a second.")
        {
            model, provider, input, output, cached, write, reasoning, request, config,
        };
        set.SetAction(async (parse, cancellationToken) =>
        {
            if (PriceParsing.Parse(parse.GetValue(input), parse.GetValue(output), parse.GetValue(cached), parse.GetValue(write), parse.GetValue(reasoning), parse.GetValue(request))
                is not { } pricing)
            {
                Console.Error.WriteLine("Every price must be a non-negative USD amount written as decimal text, such as 0.15.");
                return 1;
            }

            await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken);
            var version = await services.GetRequiredService<LedgerAdministration>().SetRatesAsync(
                parse.GetValue(model)!, parse.GetValue(provider)!, pricing, parse.GetValue(request) is null ? null : pricing.RequestFee, cancellationToken);
            Console.WriteLine($"Prices set (pricing version {version}).");
            return 0;
        });
        return new Command("prices", "Runtime prices.") { set };
    }

    public static Command Markup()
    {
        return new Command("markup", "Runtime markups: global, or for a provider, a model or an account (the most specific wins).") { Set(clear: false), Set(clear: true) };

        static Command Set(bool clear)
        {
            var config = CliOptions.Config();
            var percent = new Argument<string>("percent") { Description = "The markup in percent (12.5)." };
            var provider = new Option<string?>("--provider") { Description = "Only for this provider." };
            var model = new Option<string?>("--model") { Description = "Only for this model." };
            var account = new Option<string?>("--account") { Description = "Only for this account." };
            var command = clear
                ? new Command("clear", "Remove a markup (the next less specific one applies).") { provider, model, account, config }
                : new Command("set", "Set a markup.") { percent, provider, model, account, config };
            command.SetAction(async (parse, cancellationToken) =>
            {
                var scopes = new[] { (MarkupScope.Provider, parse.GetValue(provider)), (MarkupScope.Model, parse.GetValue(model)), (MarkupScope.Account, parse.GetValue(account)) }
                    .Where(s => s.Item2 is not null).ToList();
                if (scopes.Count > 1)
                {
                    Console.Error.WriteLine("Name at most one of --provider, --model, --account.");
                    return 1;
                }

                var (scope, subject) = scopes.Count == 0 ? (MarkupScope.Global, "") : (scopes[0].Item1, scopes[0].Item2!);
                long? ppm = null;
                if (!clear)
                {
                    if (!Percent.TryParsePartsPerMillion(parse.GetValue(percent), out var parsed))
                    {
                        Console.Error.WriteLine("The markup must be a non-negative percentage with at most four decimals.");
                        return 1;
                    }

                    ppm = parsed;
                }

                await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken);
                var version = await services.GetRequiredService<LedgerAdministration>().SetMarkupAsync(scope, subject, ppm, cancellationToken);
                Console.WriteLine($"Markup {(clear ? "cleared" : "set")} for {scope.ToString().ToLowerInvariant()}{(subject.Length > 0 ? " " + subject : "")} (pricing version {version}).");
                return 0;
            });
            return command;
        }
    }
}
