using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Gateway.Platform.Telemetry;

/// <summary>Registers metrics (kept in memory for the Prometheus scrape) and traces (exported over OTLP when an endpoint
/// is configured) with the OpenTelemetry SDK.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The <c>OTEL_*</c> variables the SDK reads from the host's configuration: a host that does not read the
    /// whole environment into its configuration copies these (<see cref="OtelVariables"/>).</summary>
    public static readonly IReadOnlyList<string> OtelVariables =
    [
        "OTEL_SDK_DISABLED", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TIMEOUT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
        "OTEL_BSP_SCHEDULE_DELAY", "OTEL_BSP_EXPORT_TIMEOUT", "OTEL_BSP_MAX_QUEUE_SIZE", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
        "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "OTEL_SPAN_EVENT_COUNT_LIMIT",
    ];

    /// <summary>
    /// Adds <see cref="TelemetryOptions"/> (bound from <c>Telemetry</c>, validated at start), the access rule for the
    /// scrape, the request's logging scope (<see cref="RequestLogScopes"/>), and — unless telemetry is off — the SDK: every <c>Tollway.*</c> meter and the runtime's into the Prometheus
    /// exporter, and, when traces are on, every <c>Tollway.*</c> activity source and ASP.NET Core's server span into the
    /// OTLP exporter. <paramref name="configuration"/> is the host's: Tollway's keys and the <c>OTEL_*</c> variables.
    /// </summary>
    public static IServiceCollection AddTollwayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (!services.TryAddOptionsSection<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.Section, static (options, section) => options.BindConfiguration(section)))
        {
            return services;
        }

        services.AddMetrics();
        services.TryAddSingleton<TelemetryAccess>();
        services.TryAddSingleton<RequestLogScopes>();
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(TollwayTelemetry.ServiceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(TollwayTelemetry.Prefix + "*").AddMeter("System.Runtime").AddPrometheusExporter();
            ((IDeferredMeterProviderBuilder)metrics).Configure(static (services, builder) => builder.AddView(OwnMetersOnly(services.GetRequiredService<IMeterFactory>())));
        });
        // After the SDK's own hosted service, which builds the meter provider the seeds are published to.
        services.AddHostedService<MetricSeriesSeeding>();
        if (TracesOn(options.Traces, configuration))
        {
            telemetry.WithTracing(traces => traces
                .AddSource(TollwayTelemetry.Prefix + "*")
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsProbe(context.Request.Path, options.Metrics))
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.Traces.SampleRatio)))
                .AddOtlpExporter());
        }

        return services;
    }

    /// <summary>
    /// The SDK subscribes to meters by name, whoever made them: a second host in the same process (tests run dozens)
    /// would have its measurements in this host's scrape. A meter made by another host's <see cref="IMeterFactory"/> is
    /// dropped; meters made by no factory (the runtime's) are process-wide and kept.
    /// </summary>
    public static Func<Instrument, MetricStreamConfiguration?> OwnMetersOnly(IMeterFactory own) =>
        instrument => instrument.Meter.Scope is IMeterFactory scope && !ReferenceEquals(scope, own) ? MetricStreamConfiguration.Drop : null;

    /// <summary>Whether traces are exported: as configured, else when an OTLP endpoint is named and the SDK not disabled.</summary>
    public static bool TracesOn(TracesOptions traces, IConfiguration configuration) =>
        traces.Enabled ?? (!string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase)
            && (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"])));

    /// <summary>Probes and scrapes come every few seconds from machines, not clients: spans of them would bury the requests.</summary>
    private static bool IsProbe(PathString path, MetricsOptions metrics) =>
        path.Equals("/healthz") || path.Equals("/readyz") || path.Equals(metrics.Path);
}
