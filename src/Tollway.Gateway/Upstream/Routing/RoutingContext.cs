using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;

namespace Tollway.Gateway.Upstream.Routing;

/// <summary>What a strategy may look at: the model, its endpoints, prices, health and a random source.</summary>
public sealed record RoutingContext(CatalogModel Model, IReadOnlyList<ModelEndpoint> Endpoints, PriceBook Prices, EndpointHealthRegistry Health, RoutingRandom Random);
