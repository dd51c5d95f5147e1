namespace Tollway.FunctionalTests.Telemetry;

/// <summary>
/// The suites that check exact metric counts run alone. The OpenTelemetry SDK's meter provider (1.21) collects every
/// meter of a subscribed name in the process, whichever host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/>
/// created it (it ignores <c>Meter.Scope</c>): a scrape taken while another host serves would count that host's
/// requests too. Hosts of suites that finished are disposed, and their meters with them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsScrapes
{
    public const string Name = "Metrics scrapes";
}
