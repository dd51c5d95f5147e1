using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Upstream.Routing;

/// <summary>Random by weight: an endpoint with weight 3 comes first three times as often as one with weight 1; the rest follow, drawn the same way.</summary>
internal sealed class WeightedStrategy : IRoutingStrategy
{
    public const string StrategyName = "weighted";

    public string Name => StrategyName;

    public IReadOnlyList<ModelEndpoint> Order(RoutingContext context)
    {
        var left = context.Endpoints.ToList();
        var ordered = new List<ModelEndpoint>(left.Count);
        while (left.Count > 0)
        {
            var pick = context.Random.Next(left.Sum(e => e.Weight));
            var index = 0;
            while (pick >= left[index].Weight)
            {
                pick -= left[index].Weight;
                index++;
            }

            ordered.Add(left[index]);
            left.RemoveAt(index);
        }

        return ordered;
    }
}
