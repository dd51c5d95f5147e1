using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>The attempt metrics' series known at start: retries and failovers of every configured provider.</summary>
internal sealed class AttemptMetricsSeed(AttemptMetrics metrics, CatalogState catalog) : IMetricSeriesSeed
{
    public void Seed() => metrics.Seed(catalog.Providers.All.Select(provider => provider.Name));
}
