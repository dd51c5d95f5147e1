using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Configuration;

namespace Tollway.Gateway.Routing;

/// <summary>Health of every endpoint this node has used, by <see cref="ModelEndpoint.Key"/>.</summary>
public sealed class EndpointHealthRegistry(IOptions<TollwayOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, EndpointHealth> _health = new(StringComparer.Ordinal);
    private readonly RoutingOptions _options = options.Value.Routing;

    /// <summary>The endpoint's health record (created on first use).</summary>
    public EndpointHealth For(ModelEndpoint endpoint) =>
        _health.GetOrAdd(endpoint.Key, key => new EndpointHealth(key, _options, timeProvider));

    /// <summary>Every endpoint's health, for the admin API.</summary>
    public IReadOnlyList<EndpointHealthSnapshot> Snapshots() =>
        [.. _health.Values.Select(h => h.Snapshot()).OrderBy(s => s.Endpoint, StringComparer.Ordinal)];
}
