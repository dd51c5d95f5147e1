namespace Tollway.Gateway.Catalog.Models.Shipped;

/// <summary>
/// One model of one provider preset as written in <c>catalog.json</c>. <see cref="Model"/> is both the provider's id and
/// the public name, so a client that already speaks to that provider keeps its model names. Prices are decimal text
/// in USD per million tokens, exactly like config prices.
/// </summary>
internal sealed record ShippedModelEntry(
    string Model,
    string Preset,
    string? Name,
    string? Type,
    int? ContextLength,
    int? MaxOutputTokens,
    PricingOptions? Pricing,
    string? PriceDate,
    ShippedCapabilities? Capabilities,
    string? Note);
