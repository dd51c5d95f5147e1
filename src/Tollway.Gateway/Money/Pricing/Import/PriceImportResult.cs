namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>The outcome of an import: the plan (applied unless it was a dry run), the pricing version the change made
/// (<see langword="null"/> when nothing was written), or why the file could not be read.</summary>
public sealed record PriceImportResult(PriceImportPlan? Plan, long? Version, string? Error);
