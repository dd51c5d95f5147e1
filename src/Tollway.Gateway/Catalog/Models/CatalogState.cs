using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Catalog.Models;

/// <summary>
/// The catalog in force. A request reads <see cref="Current"/> once and keeps that snapshot to its end, so a change
/// published while it runs (prices, models) never applies to it halfway.
/// </summary>
public sealed class CatalogState(ProviderRegistry providers, ModelCatalog initial)
{
    private volatile ModelCatalog _current = initial;

    /// <summary>The configured providers.</summary>
    public ProviderRegistry Providers { get; } = providers;

    /// <summary>The catalog snapshot in force.</summary>
    public ModelCatalog Current => _current;

    /// <summary>Publishes a new snapshot for requests that start from now on.</summary>
    public void Publish(ModelCatalog catalog) => _current = catalog;
}
