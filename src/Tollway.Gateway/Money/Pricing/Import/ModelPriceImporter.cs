using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>
/// Imports an OpenRouter or LiteLLM price file as runtime prices, shared by <c>tollway models import</c> and the admin
/// API. The changes are written in one transaction with one pricing version, which every node picks up as it picks up
/// <c>tollway prices set</c>; this node's price book is reloaded at once, so the next request is quoted at them.
/// </summary>
public sealed class ModelPriceImporter(CatalogState catalog, PriceBookState priceBook, IPricingStore store, TimeProvider timeProvider)
{
    /// <summary>Reads, plans and (unless <paramref name="dryRun"/>) applies a price file.</summary>
    public async Task<PriceImportResult> ImportAsync(ReadOnlyMemory<byte> content, bool dryRun, CancellationToken cancellationToken)
    {
        if (PriceFileReader.TryRead(content, out var error) is not { } file)
        {
            return new PriceImportResult(null, null, error);
        }

        // Plan over the latest prices, another node's changes included, so "unchanged" means unchanged everywhere.
        await priceBook.RefreshAsync(force: true, cancellationToken);
        var plan = PriceImportPlanner.Plan(file, catalog.Current, priceBook.Current);
        if (dryRun || plan.Changes.Count == 0)
        {
            return new PriceImportResult(plan, null, null);
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var version = await store.SetPricesAsync([.. plan.Changes.Select(c => new PriceOverride(c.Model, c.Provider, c.New, today))], cancellationToken);
        await priceBook.RefreshAsync(force: true, cancellationToken);
        return new PriceImportResult(plan, version, null);
    }
}
