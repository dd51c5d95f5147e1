namespace Tollway.Gateway.Upstream.Routing;

/// <summary>The strategy names a config may use.</summary>
public static class RoutingStrategies
{
    /// <summary>Every built-in strategy's name.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        CheapestStrategy.StrategyName, LatencyStrategy.StrategyName, ThroughputStrategy.StrategyName, WeightedStrategy.StrategyName,
        OrderedStrategy.StrategyName,
    ];
}
