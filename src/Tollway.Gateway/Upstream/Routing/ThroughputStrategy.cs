using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Upstream.Routing;

/// <summary>Most output tokens per second first, by the average this node measured; endpoints not measured yet go first.</summary>
internal sealed class ThroughputStrategy : IRoutingStrategy
{
    public const string StrategyName = "throughput";

    public string Name => StrategyName;

    public IReadOnlyList<ModelEndpoint> Order(RoutingContext context) =>
        [.. context.Endpoints.OrderByDescending(e => context.Health.For(e).TokensPerSecond ?? double.MaxValue)];
}
