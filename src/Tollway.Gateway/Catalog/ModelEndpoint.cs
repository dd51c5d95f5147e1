using Tollway.Gateway.Providers;

namespace Tollway.Gateway.Catalog;

/// <summary>A provider serving a public model under its own model id, with its price and limits.</summary>
public sealed record ModelEndpoint(
    UpstreamProvider Provider,
    string UpstreamModel,
    ModelPricing Pricing,
    int? ContextLength,
    int? MaxOutputTokens);
