namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>A price file read into entries, with the format it was recognised as.</summary>
public sealed record PriceFile(PriceFileFormat Format, IReadOnlyList<ImportedPrice> Prices);
