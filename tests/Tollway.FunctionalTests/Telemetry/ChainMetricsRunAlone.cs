namespace Tollway.FunctionalTests.Telemetry;

/// <summary>
/// The scrape tests of the chain's metrics run alone. The OpenTelemetry SDK subscribes to meters by name, not by the
/// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> that made them, so one host's <c>/metrics</c> also counts
/// every other live host's <c>Tollway.Chain</c> measurements in this process; an exact count needs no other host alive.
/// </summary>
[CollectionDefinition(nameof(ChainMetricsRunAlone), DisableParallelization = true)]
public sealed class ChainMetricsRunAlone;
