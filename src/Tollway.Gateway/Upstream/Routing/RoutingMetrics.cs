using System.Diagnostics.Metrics;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Gateway.Upstream.Routing;

/// <summary>Routing's metric: each endpoint's circuit as a gauge (0 closed, 1 half-open, 2 open), labelled with the
/// endpoint's key and its provider, both configured names.</summary>
internal sealed class RoutingMetrics(IMeterFactory meters)
{
    private readonly Meter _meter = meters.Create(TollwayTelemetry.GatewayName);

    /// <summary>Publishes the circuit of every endpoint <paramref name="registry"/> has seen.</summary>
    public void ObserveCircuits(EndpointHealthRegistry registry) =>
        _meter.CreateObservableGauge("tollway.upstream.circuit_state", () => Circuits(registry), null, "Each endpoint's circuit: 0 closed, 1 half-open, 2 open.");

    /// <summary>The gauge's value of a circuit state.</summary>
    public static int Value(BreakerState state) => state switch
    {
        BreakerState.HalfOpen => 1,
        BreakerState.Open => 2,
        _ => 0,
    };

    private static IEnumerable<Measurement<int>> Circuits(EndpointHealthRegistry registry)
    {
        foreach (var health in registry.All)
        {
            yield return new Measurement<int>(Value(health.Snapshot().State), new("upstream", health.Endpoint), new("provider", health.Provider));
        }
    }
}
