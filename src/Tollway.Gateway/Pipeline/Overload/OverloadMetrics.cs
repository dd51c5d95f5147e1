using System.Diagnostics.Metrics;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Gateway.Pipeline.Overload;

/// <summary>Load shedding's metric: requests refused with 503 before anything of them was read, by why.</summary>
internal sealed class OverloadMetrics(IMeterFactory meters) : IMetricSeriesSeed
{
    /// <summary>The only reason today: the node's limit of requests in flight (<see cref="InFlightLimiter"/>).</summary>
    public const string InFlightLimit = "in_flight_limit";

    private readonly Counter<long> _shed = meters.Create(TollwayTelemetry.GatewayName)
        .CreateCounter<long>("tollway.requests.shed", "{request}", "Requests refused with 503 before anything of them was read.");

    /// <summary>Counts a request shed for <paramref name="reason"/> (a fixed word).</summary>
    public void Shed(string reason) => _shed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <inheritdoc />
    public void Seed() => _shed.Add(0, new KeyValuePair<string, object?>("reason", InFlightLimit));
}
