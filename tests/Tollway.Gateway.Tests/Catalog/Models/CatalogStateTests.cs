using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Tests.Catalog.Models;

public sealed class CatalogStateTests
{
    [Fact]
    public void Publish_NewCatalog_LaterReadsSeeItWhileEarlierSnapshotsStayIntact()
    {
        using var registry = new ProviderRegistry([]);
        var first = new ModelCatalog([]);
        var second = new ModelCatalog([]);
        var state = new CatalogState(registry, first);
        var heldByARunningRequest = state.Current;

        state.Publish(second);

        Assert.Same(second, state.Current);
        Assert.Same(first, heldByARunningRequest);
        Assert.Same(registry, state.Providers);
    }
}
