namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// The suites of traced gateways, run one at a time after every other suite. A tracer listens to activity sources by
/// name, process-wide: while one traced gateway runs, every gateway in the process is traced into its exporter (and
/// its fake providers' and any client's spans with them), and the samplers of all listening tracers decide together.
/// Run beside the others, a gateway sampling nothing would export the spans another tracer kept.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracedGateways
{
    public const string Name = "traced gateways";
}
