namespace Tollway.Gateway.Catalog.Models.Shipped;

/// <summary>The JSON shape of <c>catalog.json</c>: what Tollway knows about each provider's models before any config.</summary>
internal sealed record ShippedCatalogFile(string? Description, IReadOnlyList<ShippedModelEntry> Models);
