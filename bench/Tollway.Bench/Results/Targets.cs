using System.Globalization;

namespace Tollway.Bench.Results;

/// <summary>
/// Issue 4's targets for the all-features arms, each computed from figures of the same run: throughput against the
/// bare pass-through and Portkey as ratios, latency added over the direct arm, streaming, memory, held streams.
/// </summary>
internal static class Targets
{
    public static IReadOnlyList<TargetCheck> Check(string arm, IReadOnlyDictionary<string, ArmSummary> summaries, HeldStreamsResult? held)
    {
        var checks = new List<TargetCheck>();
        if (!summaries.TryGetValue(arm, out var tollway))
        {
            return checks;
        }

        summaries.TryGetValue(ArmNames.PassThrough, out var bare);
        summaries.TryGetValue(ArmNames.Portkey, out var portkey);
        summaries.TryGetValue(ArmNames.Direct, out var direct);

        checks.Add(Ratio(arm, "(b) req/s ≥ 0.5 × bare pass-through", tollway.Rps.Median, bare?.Rps.Median, 0.5));
        checks.Add(Ratio(arm, "(b) req/s ≥ 25 × Portkey", tollway.Rps.Median, portkey?.Rps.Median, 25));
        // The same two ratios on equal CPU (requests per second per core the arm kept busy): on a shared machine each
        // arm gets a different share of its core, and this is the form of the ratio that noise moves least.
        checks.Add(Ratio(arm, "(b) on equal CPU: ≥ 0.5 × bare pass-through", PerCore(tollway), bare is null ? null : PerCore(bare), 0.5, "req/s per core"));
        checks.Add(Ratio(arm, "(b) on equal CPU: ≥ 25 × Portkey", PerCore(tollway), portkey is null ? null : PerCore(portkey), 25, "req/s per core"));
        checks.Add(Added(arm, "(a) added p50 ≤ 100 µs", tollway.OneP50.Median, direct?.OneP50.Median, 100, "µs"));
        checks.Add(Added(arm, "(a) added p99 ≤ 500 µs", tollway.OneP99.Median, direct?.OneP99.Median, 500, "µs"));
        var openAdded = direct is null || double.IsNaN(tollway.OpenP99.Median - direct.OpenP99.Median)
            ? (double?)null
            : tollway.OpenP99.Median - direct.OpenP99.Median;
        checks.Add(new TargetCheck(arm, "(c) added p99 ≤ 2 ms, 0 errors",
            openAdded is { } added ? F($"{added / 1000:F2} ms, {tollway.OpenErrors} errors") : "no figure",
            openAdded is { } value ? value <= 2000 && tollway.OpenErrors == 0 : null));
        checks.Add(Added(arm, "(d) added time to first chunk ≤ 100 µs", tollway.FirstChunk.Median, direct?.FirstChunk.Median, 100, "µs"));
        // A gateway that buffered would shorten nearly every gap; a starved core delays a chunk now and then on any arm
        // (the bare pass-through, which buffers nothing, shows how often), so a few short gaps are not batching.
        checks.Add(new TargetCheck(arm, "(d) chunks never batched (under 5% short gaps; buffering shortens nearly all), streams intact",
            F($"{tollway.Batched} short gaps of {tollway.Gaps} (pass-through {bare?.Batched.ToString(CultureInfo.InvariantCulture) ?? "–"}), {tollway.StreamsIntact}/{tollway.Streams} intact"),
            tollway.Gaps > 0 && tollway.Batched < tollway.Gaps * 0.05 && tollway.StreamsIntact == tollway.Streams));
        checks.Add(new TargetCheck(arm, "(e) peak RSS ≤ 250 MB in (b) and (c)",
            tollway.PeakRssMb is { } rss ? F($"{rss:F0} MB") : "not measured", tollway.PeakRssMb is { } peak ? peak <= 250 : null));
        checks.Add(new TargetCheck(arm, "(f) every stream intact",
            held is null ? "not run" : F($"{held.Intact}/{held.Target} intact, {held.PeakOpen} open at once"),
            held is null ? null : held.Intact == held.Target && held.PeakOpen == held.Target));
        return checks;
    }

    private static double? PerCore(ArmSummary summary) =>
        summary.CpuMicrosPerRequest is { } micros && micros > 0 ? 1_000_000 / micros : null;

    private static TargetCheck Ratio(string arm, string target, double? value, double? other, double wanted, string unit = "req/s") =>
        other is { } o && o > 0 && value is { } v && v > 0
            ? new TargetCheck(arm, target, F($"{v / o:F2}× ({v:F0} vs {o:F0} {unit})"), v / o >= wanted)
            : new TargetCheck(arm, target, "no figure (an arm not run, or no request answered)", null);

    private static TargetCheck Added(string arm, string target, double value, double? baseline, double limit, string unit) =>
        baseline is { } b && !double.IsNaN(value - b)
            ? new TargetCheck(arm, target, F($"{value - b:F0} {unit} ({value:F0} vs {b:F0})"), value - b <= limit)
            : new TargetCheck(arm, target, "no figure (no direct arm, or no request answered)", null);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
