namespace Tollway.Bench.Arms;

/// <summary>What a Tollway arm's telemetry does during the run.</summary>
internal enum TelemetryMode
{
    /// <summary>As shipped: metrics kept for a scrape nobody makes, no trace exporter (no OTLP endpoint named).</summary>
    Default,

    /// <summary><c>Telemetry:Enabled=false</c>.</summary>
    Off,

    /// <summary>Every request traced and exported over OTLP/HTTP to the mock's sink.</summary>
    Traced,
}
