using System.Diagnostics;

namespace Tollway.Gateway.Platform.Telemetry;

/// <summary>The names the gateway's meters and spans are published under, and its one <see cref="ActivitySource"/>.</summary>
public static class TollwayTelemetry
{
    /// <summary>Every Tollway meter and activity source starts with this; the SDK subscribes to <c>Tollway.*</c>.</summary>
    public const string Prefix = "Tollway.";

    /// <summary>The gateway's meter (created per host through <see cref="System.Diagnostics.Metrics.IMeterFactory"/>) and
    /// activity source.</summary>
    public const string GatewayName = "Tollway.Gateway";

    /// <summary>The service name traces and metrics carry unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "tollway";

    /// <summary>Starts the gateway's spans; creates nothing (and costs next to nothing) while no exporter listens.</summary>
    public static readonly ActivitySource Source = new(GatewayName);
}
