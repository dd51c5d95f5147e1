using System.Collections.Frozen;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Pricing;

namespace Tollway.Gateway.Routing;

/// <summary>
/// Plans the attempts of one request: the model's strategy orders its endpoints, then health breaks the order —
/// endpoints whose circuit is open go last (tried if all else fails, never dropped).
/// </summary>
public sealed class Router(IEnumerable<IRoutingStrategy> strategies, EndpointHealthRegistry health, RoutingRandom random)
{
    private readonly FrozenDictionary<string, IRoutingStrategy> _strategies =
        strategies.ToFrozenDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The endpoints to try, in order.</summary>
    public IReadOnlyList<ModelEndpoint> Plan(CatalogModel model, IReadOnlyList<ModelEndpoint> endpoints, PriceBook prices)
    {
        if (endpoints.Count <= 1)
        {
            return endpoints;
        }

        var strategy = _strategies.TryGetValue(model.Strategy, out var named) ? named : _strategies[CheapestStrategy.StrategyName];
        var ordered = strategy.Order(new RoutingContext(model, endpoints, prices, health, random));
        return [.. ordered.Where(e => health.For(e).IsAvailable), .. ordered.Where(e => !health.For(e).IsAvailable)];
    }
}
