namespace Tollway.Gateway.Platform.Telemetry;

/// <summary>Traces: one span per model request with its stages as children, exported over OTLP to the endpoint the
/// standard <c>OTEL_EXPORTER_OTLP_*</c> variables name.</summary>
public sealed class TracesOptions
{
    /// <summary>Whether traces are exported. Unset: when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or
    /// <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> is set (and <c>OTEL_SDK_DISABLED</c> is not <c>true</c>).</summary>
    public bool? Enabled { get; set; }

    /// <summary>The share of new traces kept, 0 to 1. A request that arrives with a sampled <c>traceparent</c> is kept
    /// whatever this says, one that arrives unsampled is not: the caller's decision wins.</summary>
    public double SampleRatio { get; set; } = 1.0;
}
