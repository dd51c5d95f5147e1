using Tollway.Gateway.Catalog;

namespace Tollway.Gateway.Pricing;

/// <summary>An operator's runtime price for one endpoint (public model served by a provider), replacing the configured one.</summary>
public sealed record PriceOverride(string Model, string Provider, ModelPricing Pricing);
