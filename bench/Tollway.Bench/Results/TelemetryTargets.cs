using System.Globalization;

namespace Tollway.Bench.Results;

/// <summary>
/// Issue 16's figures: what telemetry costs the SQLite arm in CPU per request in (b). As shipped (metrics kept, no trace
/// exporter) it may cost at most 5 % over telemetry off; every request traced into an OTLP sink is reported.
/// </summary>
internal static class TelemetryTargets
{
    public const double MaxShippedOverhead = 0.05;

    public static IReadOnlyList<TargetCheck> Check(IReadOnlyDictionary<string, ArmSummary> summaries)
    {
        summaries.TryGetValue(ArmNames.TollwayTelemetryOff, out var off);
        summaries.TryGetValue(ArmNames.TollwaySqlite, out var shipped);
        summaries.TryGetValue(ArmNames.TollwayTraced, out var traced);
        return
        [
            Overhead(ArmNames.TollwaySqlite, "(b) telemetry as shipped: CPU/request ≤ 1.05 × telemetry off", shipped, off, MaxShippedOverhead),
            Overhead(ArmNames.TollwayTraced, "(b) every request traced into an OTLP sink: CPU/request against telemetry off (reported)", traced, off, null),
        ];
    }

    private static TargetCheck Overhead(string arm, string target, ArmSummary? measured, ArmSummary? baseline, double? limit)
    {
        if (measured?.CpuMicrosPerRequest is not { } micros || baseline?.CpuMicrosPerRequest is not { } baseMicros || baseMicros <= 0)
        {
            return new TargetCheck(arm, target, "no figure (an arm not run, or no CPU measured)", null);
        }

        var overhead = (micros / baseMicros) - 1;
        var text = string.Create(CultureInfo.InvariantCulture, $"{overhead * 100:+0.0;-0.0} % ({micros:F1} vs {baseMicros:F1} µs CPU/request)");
        return new TargetCheck(arm, target, text, limit is { } max ? overhead <= max : null);
    }
}
