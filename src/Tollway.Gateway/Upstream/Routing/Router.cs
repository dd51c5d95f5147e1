using System.Collections.Frozen;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;

namespace Tollway.Gateway.Upstream.Routing;

/// <summary>
/// Plans the attempts of one request: the model's strategy orders its endpoints, then health breaks the order —
/// endpoints whose circuit is open go last (tried if all else fails, never dropped).
/// </summary>
public sealed class Router(IEnumerable<IRoutingStrategy> strategies, EndpointHealthRegistry health, RoutingRandom random)
{
    private readonly FrozenDictionary<string, IRoutingStrategy> _strategies =
        strategies.ToFrozenDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The endpoints of one model a request may use, in the order to try them.</summary>
    public IReadOnlyList<ModelEndpoint> Plan(CatalogModel model, IReadOnlyList<ModelEndpoint> endpoints, PriceBook prices) =>
        Plan(model, endpoints, prices, ProviderPreferences.None, default);

    /// <summary>
    /// The endpoints of one model this request may use, in the order to try them: filtered by its preferences,
    /// ordered by its <c>sort</c> (else the model's strategy), its explicit <c>order</c> first, then health.
    /// </summary>
    public IReadOnlyList<ModelEndpoint> Plan(
        CatalogModel model, IReadOnlyList<ModelEndpoint> endpoints, PriceBook prices, ProviderPreferences preferences, RequestFeatures features)
    {
        var allowed = CandidateFilter.Apply(model, endpoints, preferences, features, prices);
        if (allowed.Count == 0)
        {
            return [];
        }

        var strategyName = preferences.Sort switch
        {
            "price" => CheapestStrategy.StrategyName,
            "latency" => LatencyStrategy.StrategyName,
            "throughput" => ThroughputStrategy.StrategyName,
            _ => model.Strategy,
        };
        var strategy = _strategies.TryGetValue(strategyName, out var named) ? named : _strategies[CheapestStrategy.StrategyName];
        IReadOnlyList<ModelEndpoint> ordered = allowed.Count == 1 ? allowed : strategy.Order(new RoutingContext(model, allowed, prices, health, random));
        if (preferences.Order.Count > 0)
        {
            var pinned = ordered
                .Where(e => preferences.Order.Contains(e.Provider.Name, StringComparer.OrdinalIgnoreCase))
                .OrderBy(e => IndexOf(preferences.Order, e.Provider.Name))
                .ToList();
            ordered = preferences.AllowFallbacks ? [.. pinned, .. ordered.Except(pinned)] : pinned;
        }
        else if (!preferences.AllowFallbacks && preferences.Only.Count == 0)
        {
            ordered = [.. ordered.Take(1)];
        }

        return AvailableFirst(ordered);
    }

    /// <summary>The endpoints in their order, those whose breaker is open moved to the end (still tried, last).</summary>
    private List<ModelEndpoint> AvailableFirst(IReadOnlyList<ModelEndpoint> ordered)
    {
        var result = new List<ModelEndpoint>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            if (health.For(ordered[i]).IsAvailable)
            {
                result.Add(ordered[i]);
            }
        }

        for (var i = 0; i < ordered.Count; i++)
        {
            if (!health.For(ordered[i]).IsAvailable)
            {
                result.Add(ordered[i]);
            }
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
