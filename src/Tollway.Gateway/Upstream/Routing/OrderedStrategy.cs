using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Upstream.Routing;

/// <summary>The configured order: the first endpoint, then the next as fallback.</summary>
internal sealed class OrderedStrategy : IRoutingStrategy
{
    public const string StrategyName = "ordered";

    public string Name => StrategyName;

    public IReadOnlyList<ModelEndpoint> Order(RoutingContext context) => context.Endpoints;
}
