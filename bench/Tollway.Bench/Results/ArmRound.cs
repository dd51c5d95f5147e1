namespace Tollway.Bench.Results;

/// <summary>Everything measured for one arm in one round, with the machine's load around it.</summary>
internal sealed record ArmRound(
    string Arm,
    int Round,
    DateTimeOffset Started,
    double LoadBefore,
    double LoadAfter,
    double BackgroundCores,
    LatencyResult? OneConnection,
    LatencyResult? Throughput,
    ProcessUsage? ThroughputUsage,
    LatencyResult? OpenLoop,
    ProcessUsage? OpenLoopUsage,
    StreamResult? Stream);
