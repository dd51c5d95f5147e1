namespace Tollway.Bench.Results;

/// <summary>One invocation of the harness: where and how it ran, and every result.</summary>
internal sealed record BenchRun(
    MachineInfo Machine,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    string Commit,
    string Command,
    bool Smoke,
    bool Pinned,
    IReadOnlyList<string> Arms,
    IReadOnlyDictionary<string, string> Skipped,
    IReadOnlyDictionary<string, string> Failed,
    IReadOnlyList<ArmRound> Rounds,
    IReadOnlyDictionary<string, HeldStreamsResult> HeldStreams,
    IReadOnlyDictionary<string, double[]> HeldStreamsLoad);
