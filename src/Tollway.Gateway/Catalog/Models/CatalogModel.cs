namespace Tollway.Gateway.Catalog.Models;

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
    /// <summary>The longest model id (or alias) in characters: configured ids are held to it at start, and a request
    /// naming a longer one is refused before its name reaches a log, a metric or an error message.</summary>
    public const int MaxIdLength = 256;

    /// <summary>The first endpoint: the one a request goes to while no routing strategy reorders them.</summary>
    public ModelEndpoint Primary => Endpoints[0];
}
