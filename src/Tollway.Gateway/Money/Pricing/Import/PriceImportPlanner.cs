using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>
/// Matches a price file against the catalog in force. An entry prices every endpoint whose provider follows the entry's
/// preset and whose provider model id is the entry's; the new price is the file's rates over the price in force, so an
/// entry equal to what is billed now changes nothing (importing the same file twice changes nothing the second time).
/// Entries that cannot be billed exactly are skipped with a reason, never rounded or guessed.
/// </summary>
public static class PriceImportPlanner
{
    /// <summary>Plans the import of <paramref name="file"/> over <paramref name="catalog"/> priced by <paramref name="book"/>.</summary>
    public static PriceImportPlan Plan(PriceFile file, ModelCatalog catalog, PriceBook book)
    {
        var endpoints = catalog.Models
            .SelectMany(model => model.Endpoints.Select(endpoint => (Model: model, Endpoint: endpoint)))
            .ToLookup(p => (p.Endpoint.Provider.Preset.Name, p.Endpoint.UpstreamModel));
        var claimed = new Dictionary<(string Model, string Provider), string>();
        var changes = new List<PriceChange>();
        var skipped = new List<SkippedPrice>();
        var unchanged = 0;
        foreach (var price in file.Prices)
        {
            if (price.Problem is not null || price.Rates is null)
            {
                skipped.Add(new SkippedPrice(price.SourceId, price.Problem ?? "has no prices"));
                continue;
            }

            var matches = endpoints[(price.Preset!, price.UpstreamModel)].ToList();
            if (matches.Count == 0)
            {
                skipped.Add(new SkippedPrice(price.SourceId, $"no endpoint in the catalog serves {price.Preset} model '{price.UpstreamModel}'"));
                continue;
            }

            foreach (var (model, endpoint) in matches)
            {
                var where = $"{model.Id} on {endpoint.Provider.Name}";
                if (Refusal(price, model, endpoint, where) is { } reason)
                {
                    skipped.Add(new SkippedPrice(price.SourceId, reason));
                }
                else if (!claimed.TryAdd((model.Id, endpoint.Provider.Name), price.SourceId))
                {
                    skipped.Add(new SkippedPrice(price.SourceId, $"{where} is already priced by '{claimed[(model.Id, endpoint.Provider.Name)]}' in this file"));
                }
                else if (book.PriceOf(model, endpoint) is var old && price.Rates.Over(old) is var next && next == old)
                {
                    unchanged++;
                }
                else
                {
                    changes.Add(new PriceChange(model.Id, endpoint.Provider.Name, price.SourceId, old, next));
                }
            }
        }

        return new PriceImportPlan(file.Format, changes, unchanged, skipped);
    }

    private static string? Refusal(ImportedPrice price, CatalogModel model, ModelEndpoint endpoint, string where)
    {
        if (price.Kind is { } kind && kind != model.Kind)
        {
            return $"the file prices it as {Name(kind)}, but {where} is {Name(model.Kind)}";
        }

        // One price per endpoint: where the file lists dearer prices for long prompts, the base price is only right
        // if the endpoint never takes prompts that long.
        return price.DearerAbove is { } threshold && (endpoint.ContextLength is null || endpoint.ContextLength > threshold)
            ? $"prices rise above {threshold} prompt tokens and {where} accepts longer prompts; cap its contextLength at {threshold} or set its price by hand"
            : null;
    }

    private static string Name(ModelKind kind) => kind == ModelKind.Embedding ? "an embedding model" : "a chat model";
}
