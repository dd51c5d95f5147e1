using System.Diagnostics;

namespace Tollway.Bench.Load;

/// <summary>
/// Exact percentiles of recorded samples (every sample is kept: runs are short enough). A sample of
/// <see cref="long.MaxValue"/> is a request that was never answered, and a percentile that falls on one is infinite.
/// </summary>
internal static class Percentiles
{
    public static double Of(long[] sortedTicks, double percentile)
    {
        if (sortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sortedTicks.Length) - 1;
        var ticks = sortedTicks[Math.Clamp(rank, 0, sortedTicks.Length - 1)];
        return ticks == long.MaxValue ? double.PositiveInfinity : TicksToMicros(ticks);
    }

    public static double TicksToMicros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
