namespace Tollway.Gateway.Catalog;

/// <summary>A public model: the name clients send, what it serves, and the endpoints behind it in preference order.</summary>
public sealed record CatalogModel(
    string Id,
    ModelKind Kind,
    string DisplayName,
    string? Description,
    IReadOnlyList<ModelEndpoint> Endpoints,
    DateTimeOffset Created,
    string Strategy = "cheapest",
    IReadOnlyList<string>? Aliases = null)
{
    /// <summary>The first endpoint: the one a request goes to while no routing strategy reorders them.</summary>
    public ModelEndpoint Primary => Endpoints[0];
}
