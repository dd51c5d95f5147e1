using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Upstream.Routing;

/// <summary>Orders a model's endpoints for one request; chosen per model by <see cref="Name"/>.</summary>
public interface IRoutingStrategy
{
    /// <summary>The name a config uses (<c>"strategy": "latency"</c>).</summary>
    string Name { get; }

    /// <summary>The endpoints in the order to try them (all of them: health is applied afterwards).</summary>
    IReadOnlyList<ModelEndpoint> Order(RoutingContext context);
}
