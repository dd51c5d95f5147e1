namespace Tollway.Gateway.Platform.Telemetry;

/// <summary>What the gateway tells an operator's monitoring: metrics on <c>/metrics</c>, traces over OTLP, the log
/// format. See <c>docs/observability.md</c>.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Telemetry";

    /// <summary>Whether metrics are kept and traces may be exported; <see langword="false"/> turns both off (and
    /// <c>/metrics</c> with them), for an operator who wants none of it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Prometheus scrape endpoint and who may read it.</summary>
    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>Traces and where they go.</summary>
    public TracesOptions Traces { get; set; } = new();

    /// <summary>The console log's format.</summary>
    public LogsOptions Logs { get; set; } = new();
}
