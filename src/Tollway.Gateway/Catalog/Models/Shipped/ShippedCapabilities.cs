namespace Tollway.Gateway.Catalog.Models.Shipped;

/// <summary>What a shipped model accepts; <see langword="null"/> where the provider does not say, so routing does not guess.</summary>
public sealed record ShippedCapabilities(bool? Tools = null, bool? Vision = null, bool? JsonSchema = null, bool? Reasoning = null);
