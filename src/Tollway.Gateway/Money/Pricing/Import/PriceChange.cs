using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>An endpoint whose price an import changes: the price in force before (<see langword="null"/> when it had none) and after.</summary>
public sealed record PriceChange(string Model, string Provider, string SourceId, ModelPricing? Old, ModelPricing New);
