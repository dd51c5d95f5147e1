using System.Diagnostics;
using System.Globalization;
using Tollway.Bench.Results;

namespace Tollway.Bench.Measure;

/// <summary>
/// Samples a process's resident set from <c>/proc/PID/status</c> every 100 ms while a scenario runs, and its CPU time
/// (user + system, from <c>/proc/PID/stat</c>) at both ends: scenario (e).
/// </summary>
internal sealed class ProcessSampler : IAsyncDisposable
{
    private const double ClockTicksPerSecond = 100;

    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly long _startCpuTicks;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly double _startRssMb;
    private double _peakRssMb;

    private ProcessSampler(int pid)
    {
        _pid = pid;
        _startCpuTicks = CpuTicks(pid);
        _startRssMb = RssMb(pid);
        _peakRssMb = _startRssMb;
        _loop = SampleAsync();
    }

    public double CurrentRssMb => RssMb(_pid);

    public double PeakRssMb => Volatile.Read(ref _peakRssMb);

    public static ProcessSampler? Start(int? pid) => pid is { } id ? new ProcessSampler(id) : null;

    public async Task<ProcessUsage> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var cpu = (CpuTicks(_pid) - _startCpuTicks) / ClockTicksPerSecond;
        return new ProcessUsage(_startRssMb, Math.Max(_peakRssMb, RssMb(_pid)), cpu / seconds, cpu);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    public static double RssMb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                    return kb / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    private static long CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private async Task SampleAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var rss = RssMb(_pid);
                if (rss > _peakRssMb)
                {
                    Volatile.Write(ref _peakRssMb, rss);
                }

                await Task.Delay(100, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
