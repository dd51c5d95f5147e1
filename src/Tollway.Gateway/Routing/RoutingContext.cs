using Tollway.Gateway.Catalog;
using Tollway.Gateway.Pricing;

namespace Tollway.Gateway.Routing;

/// <summary>What a strategy may look at: the model, its endpoints, prices, health and a random source.</summary>
public sealed record RoutingContext(CatalogModel Model, IReadOnlyList<ModelEndpoint> Endpoints, PriceBook Prices, EndpointHealthRegistry Health, RoutingRandom Random);
