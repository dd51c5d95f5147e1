namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>What importing a price file does to the catalog in force: the prices it changes, how many it finds already
/// equal, and the entries it skips with their reasons.</summary>
public sealed record PriceImportPlan(PriceFileFormat Format, IReadOnlyList<PriceChange> Changes, int Unchanged, IReadOnlyList<SkippedPrice> Skipped);
