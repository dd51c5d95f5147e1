namespace Tollway.Gateway.Catalog.Models;

/// <summary>One step of a <see cref="RoutePlan"/>: an endpoint, and the model it serves the request as (the one named,
/// or a fallback of its <c>models</c> list).</summary>
internal readonly record struct PlannedEndpoint(CatalogModel Model, ModelEndpoint Endpoint);
