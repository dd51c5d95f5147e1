namespace Tollway.Bench.Results;

/// <summary>
/// One arm's figures over all rounds: the median of each round's figure (and, for the headline figures, the lowest
/// and highest, so the noise shows), error counts summed.
/// </summary>
internal sealed record ArmSummary(
    string Arm,
    int Rounds,
    Spread OneP50,
    double OneP90,
    Spread OneP99,
    double OneP999,
    long OneErrors,
    Spread Rps,
    double ThroughputP99,
    long ThroughputErrors,
    Spread OpenP50,
    double OpenP90,
    Spread OpenP99,
    double OpenP999,
    double OpenRps,
    long OpenErrors,
    Spread FirstChunk,
    double MaxGapMs,
    double MinGapMs,
    int Batched,
    int Gaps,
    int StreamsIntact,
    int Streams,
    double? PeakRssMb,
    double? CpuThroughput,
    double? CpuOpenLoop,
    double? CpuMicrosPerRequest)
{
    public static ArmSummary From(string arm, IReadOnlyList<ArmRound> rounds)
    {
        static Spread Of(IEnumerable<double> values) => Spread.Of([.. values]);
        var one = rounds.Select(r => r.OneConnection!).ToList();
        var many = rounds.Select(r => r.Throughput!).ToList();
        var open = rounds.Select(r => r.OpenLoop!).ToList();
        var stream = rounds.Select(r => r.Stream!).ToList();
        var usages = rounds.SelectMany(r => new[] { r.ThroughputUsage, r.OpenLoopUsage }).OfType<ProcessUsage>().ToList();
        return new ArmSummary(
            arm, rounds.Count,
            Of(one.Select(r => r.P50)), Spread.MedianOf(one.Select(r => r.P90)), Of(one.Select(r => r.P99)), Spread.MedianOf(one.Select(r => r.P999)),
            one.Sum(r => r.Errors),
            Of(many.Select(r => r.Rps)), Spread.MedianOf(many.Select(r => r.P99)), many.Sum(r => r.Errors),
            Of(open.Select(r => r.P50)), Spread.MedianOf(open.Select(r => r.P90)), Of(open.Select(r => r.P99)), Spread.MedianOf(open.Select(r => r.P999)),
            Spread.MedianOf(open.Select(r => r.Rps)), open.Sum(r => r.Errors),
            Of(stream.Select(r => r.FirstChunkP50)), stream.Max(r => r.MaxGapMs), stream.Min(r => r.MinGapMs), stream.Sum(r => r.Batched), stream.Sum(r => r.Gaps),
            stream.Sum(r => r.Intact), stream.Sum(r => r.Streams),
            usages.Count == 0 ? null : usages.Max(u => u.PeakRssMb),
            rounds.All(r => r.ThroughputUsage is null) ? null : Spread.MedianOf(rounds.Select(r => r.ThroughputUsage!.CpuCores)),
            rounds.All(r => r.OpenLoopUsage is null) ? null : Spread.MedianOf(rounds.Select(r => r.OpenLoopUsage!.CpuCores)),
            rounds.All(r => r.ThroughputUsage is null) ? null
                : Spread.MedianOf(rounds.Select(r => r.ThroughputUsage!.CpuSeconds * 1_000_000 / Math.Max(r.Throughput!.Requests, 1))));
    }
}
