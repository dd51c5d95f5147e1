namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>A price file entry an import did not apply, and why.</summary>
public sealed record SkippedPrice(string SourceId, string Reason);
