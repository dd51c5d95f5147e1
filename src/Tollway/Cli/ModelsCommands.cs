using System.CommandLine;
using System.Globalization;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Catalog.Models.Shipped;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Money.Pricing.Import;

namespace Tollway.Cli;

/// <summary><c>tollway models list|import</c>: the catalog in force with its prices, and price updates from a file.</summary>
internal static class ModelsCommands
{
    private static readonly string[] Headers = ["MODEL", "PROVIDERS", "INPUT/M", "CACHED/M", "OUTPUT/M", "CONTEXT", "MAX OUTPUT", "PRICE DATE"];

    public static Command Create() => new("models", "The model catalog: shipped and configured models, their prices and limits.") { List(), Import() };

    private static Command List()
    {
        var config = CliOptions.Config();
        var provider = new Option<string?>("--provider", "-p") { Description = "Only models this provider (its name or preset) serves, at its prices." };
        var shipped = new Option<bool>("--shipped") { Description = "Every model Tollway ships, for every preset, whatever the config." };
        var command = new Command("list", "List models with prices in USD per million tokens, context, max output and the date each price was read.")
        {
            provider, shipped, config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var only = parse.GetValue(provider);
            if (parse.GetValue(shipped))
            {
                TablePrinter.Print(Headers, ShippedCatalog.Default.Models
                    .Where(m => only is null || string.Equals(m.Preset, only, StringComparison.OrdinalIgnoreCase))
                    .Select(m => Row(m.Id, m.Preset, m.Pricing, m.ContextLength, m.MaxOutputTokens, m.PriceDate)));
                return 0;
            }

            await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken);
            if (CatalogOf(services) is not { } catalog)
            {
                return ConfigErrors.ExitCode;
            }

            var book = services.GetRequiredService<PriceBookState>();
            await book.RefreshAsync(force: true, cancellationToken);
            TablePrinter.Print(Headers, catalog.Current.Models
                .Select(m => (Model: m, Endpoint: m.Endpoints.FirstOrDefault(e => only is null || Serves(e, only))))
                .Where(p => p.Endpoint is not null)
                .Select(p => Row(
                    p.Model.Id,
                    string.Join(',', p.Model.Endpoints.Select(e => e.Provider.Name)),
                    book.Current.PriceOf(p.Model, p.Endpoint!),
                    p.Endpoint!.ContextLength,
                    p.Endpoint.MaxOutputTokens,
                    book.Current.PriceDateOf(p.Model, p.Endpoint))));
            return 0;
        });
        return command;
    }

    private static Command Import()
    {
        var config = CliOptions.Config();
        var file = new Argument<FileInfo>("file") { Description = "An OpenRouter /api/v1/models answer or a LiteLLM model_prices_and_context_window.json." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change; write nothing." };
        var command = new Command("import", "Update prices from a price file; running gateways quote new requests at them within a second.")
        {
            file, dryRun, config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"There is no file '{path.FullName}'.");
                return 1;
            }

            var content = await File.ReadAllBytesAsync(path.FullName, cancellationToken);
            await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken);
            if (CatalogOf(services) is null)
            {
                return ConfigErrors.ExitCode;
            }

            var result = await services.GetRequiredService<ModelPriceImporter>().ImportAsync(content, parse.GetValue(dryRun), cancellationToken);
            if (result.Plan is not { } plan)
            {
                Console.Error.WriteLine($"'{path.Name}' is not a price file: {result.Error}.");
                return 1;
            }

            Report(plan, result.Version, parse.GetValue(dryRun));
            return 0;
        });
        return command;
    }

    private static void Report(PriceImportPlan plan, long? version, bool dryRun)
    {
        Console.WriteLine($"Read a {(plan.Format == PriceFileFormat.OpenRouter ? "OpenRouter models list" : "LiteLLM price map")}.");
        foreach (var change in plan.Changes)
        {
            Console.WriteLine($"  changed  {change.Model} ({change.Provider}): {PriceChangeText.Describe(change.Old, change.New)}  [{change.SourceId}]");
        }

        foreach (var skip in plan.Skipped)
        {
            Console.WriteLine($"  skipped  {skip.SourceId}: {skip.Reason}");
        }

        Console.WriteLine($"{plan.Changes.Count} changed, {plan.Unchanged} unchanged, {plan.Skipped.Count} skipped.");
        Console.WriteLine(dryRun
            ? "Dry run: nothing was written."
            : version is { } v ? $"Prices written (pricing version {v}); running gateways quote new requests at them within a second." : "Nothing to write.");
    }

    private static CatalogState? CatalogOf(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<CatalogState>();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            Console.Error.WriteLine($"The configuration cannot be read into a catalog ({ex.Message}); `tollway config check` lists every problem.");
            return null;
        }
    }

    private static bool Serves(ModelEndpoint endpoint, string provider) =>
        string.Equals(endpoint.Provider.Name, provider, StringComparison.OrdinalIgnoreCase)
        || string.Equals(endpoint.Provider.Preset.Name, provider, StringComparison.OrdinalIgnoreCase);

    private static string[] Row(string id, string providers, ModelPricing? pricing, int? context, int? maxOutput, DateOnly? date) =>
    [
        id,
        providers,
        pricing is null ? "unpriced" : PriceChangeText.Usd(pricing.InputPerMillion),
        pricing is null ? "" : PriceChangeText.Usd(pricing.CachedInputPerMillion),
        pricing is null ? "" : PriceChangeText.Usd(pricing.OutputPerMillion),
        context?.ToString("N0", CultureInfo.InvariantCulture) ?? "-",
        maxOutput?.ToString("N0", CultureInfo.InvariantCulture) ?? "-",
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
    ];
}
