namespace Tollway.Gateway.Catalog.Models.Shipped;

/// <summary>A shipped model, checked and with its prices in exact nano-USD: what the catalog builder turns into an endpoint.</summary>
public sealed record ShippedModel(
    string Id,
    string Preset,
    string DisplayName,
    ModelKind Kind,
    int ContextLength,
    int? MaxOutputTokens,
    ModelPricing Pricing,
    DateOnly PriceDate,
    ShippedCapabilities Capabilities,
    string? Note);
