using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Money.Pricing;

/// <summary>An operator's runtime price for one endpoint (public model served by a provider), replacing the configured one;
/// <see cref="PricedOn"/> is the UTC day it was set or imported, shown beside the price as its date.</summary>
public sealed record PriceOverride(string Model, string Provider, ModelPricing Pricing, DateOnly? PricedOn = null);
