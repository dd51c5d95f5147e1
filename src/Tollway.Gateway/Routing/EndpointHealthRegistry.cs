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
    private readonly TimeProvider _timeProvider = timeProvider;

    /// <summary>The endpoint's health record (created on first use).</summary>
    /// <remarks>Asked several times per request: a lookup that finds the record allocates nothing (no closure).</remarks>
    public EndpointHealth For(ModelEndpoint endpoint) =>
        _health.TryGetValue(endpoint.Key, out var health)
            ? health
            : _health.GetOrAdd(endpoint.Key, static (key, registry) => new EndpointHealth(key, registry._options, registry._timeProvider), this);

    /// <summary>Every endpoint's health, for the admin API.</summary>
    public IReadOnlyList<EndpointHealthSnapshot> Snapshots() =>
        [.. _health.Values.Select(h => h.Snapshot()).OrderBy(s => s.Endpoint, StringComparer.Ordinal)];
}
