using System.Globalization;

namespace Tollway.Bench.Measure;

/// <summary>
/// How busy the shared machine is apart from the benchmark: the 1-minute load average, and the cores kept busy by
/// everything else during a quiet second before an arm runs (from <c>/proc/stat</c>, while the harness does nothing).
/// </summary>
internal static class MachineLoad
{
    public static double LoadAverage()
    {
        var text = File.ReadAllText("/proc/loadavg");
        return double.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
    }

    public static async Task<double> BackgroundCoresAsync(TimeSpan window)
    {
        var (busy0, total0) = CpuTimes();
        await Task.Delay(window);
        var (busy1, total1) = CpuTimes();
        var cores = Environment.ProcessorCount > 0 ? CoreCount() : 1;
        return total1 == total0 ? 0 : (busy1 - busy0) / (double)(total1 - total0) * cores;
    }

    /// <summary>The machine's cores (this process may be pinned to one of them).</summary>
    public static int CoreCount() =>
        File.ReadLines("/proc/stat").Count(line => line.StartsWith("cpu", StringComparison.Ordinal) && char.IsDigit(line[3]));

    private static (long Busy, long Total) CpuTimes()
    {
        var line = File.ReadLines("/proc/stat").First();
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Take(8).Sum();
        var idle = values[3] + values[4];
        return (total - idle, total);
    }
}
