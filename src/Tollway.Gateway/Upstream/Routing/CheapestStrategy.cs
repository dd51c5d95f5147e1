using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Upstream.Routing;

/// <summary>Cheapest first: by prompt plus output price per million tokens; endpoints without a price last. Ties keep the configured order.</summary>
internal sealed class CheapestStrategy : IRoutingStrategy
{
    public const string StrategyName = "cheapest";

    public string Name => StrategyName;

    public IReadOnlyList<ModelEndpoint> Order(RoutingContext context) =>
        [.. context.Endpoints.OrderBy(e => context.Prices.PriceOf(context.Model, e) is { } price
            ? (Int128)price.InputPerMillion + price.OutputPerMillion
            : Int128.MaxValue)];
}
