using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Upstream.Routing;

/// <summary>Health of every endpoint this node has used, by <see cref="ModelEndpoint.Key"/>.</summary>
public sealed class EndpointHealthRegistry(IOptions<RoutingOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, EndpointHealth> _health = new(StringComparer.Ordinal);
    private readonly RoutingOptions _options = options.Value;
    private readonly TimeProvider _timeProvider = timeProvider;

    /// <summary>The endpoint's health record (created on first use).</summary>
    /// <remarks>Asked several times per request, so the factory is static and takes its state as an argument: a
    /// lambda capturing the registry was a closure allocated on every call, found or not.</remarks>
    public EndpointHealth For(ModelEndpoint endpoint) =>
        _health.GetOrAdd(
            endpoint.Key,
            static (key, arg) => new EndpointHealth(key, arg.Registry._options, arg.Registry._timeProvider) { Provider = arg.Endpoint.Provider.Name },
            (Registry: this, Endpoint: endpoint));

    /// <summary>Every endpoint's health record, for the metrics.</summary>
    internal ICollection<EndpointHealth> All => _health.Values;

    /// <summary>Every endpoint's health, for the admin API.</summary>
    public IReadOnlyList<EndpointHealthSnapshot> Snapshots() =>
        [.. _health.Values.Select(h => h.Snapshot()).OrderBy(s => s.Endpoint, StringComparer.Ordinal)];
}
