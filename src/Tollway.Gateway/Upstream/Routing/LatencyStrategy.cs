using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Upstream.Routing;

/// <summary>Fastest first byte first, by the average this node measured; endpoints not measured yet go first, so they get measured.</summary>
internal sealed class LatencyStrategy : IRoutingStrategy
{
    public const string StrategyName = "latency";

    public string Name => StrategyName;

    public IReadOnlyList<ModelEndpoint> Order(RoutingContext context) =>
        [.. context.Endpoints.OrderBy(e => context.Health.For(e).LatencyMs ?? 0)];
}
