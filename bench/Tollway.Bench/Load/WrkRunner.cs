using System.Globalization;
using Tollway.Bench.Arms;
using Tollway.Bench.Hosting;
using Tollway.Bench.Results;

namespace Tollway.Bench.Load;

/// <summary>
/// Closed-loop load with wrk (Debian's package; one thread, on the harness's core): scenario (a) on one connection,
/// scenario (b) on many. A Lua script posts the chat request and prints wrk's own latency percentiles in microseconds.
/// </summary>
internal static class WrkRunner
{
    public static async Task<LatencyResult> RunAsync(
        IArm arm, string model, int connections, TimeSpan duration, string directory, bool stream = false)
    {
        var script = Path.Combine(directory, $"wrk-{arm.Name}.lua");
        await File.WriteAllTextAsync(script, Script(arm, ChatRequest.Body(model, stream)));
        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await using var wrk = ManagedProcess.Start("wrk",
            ["-t1", "-c" + connections.ToString(CultureInfo.InvariantCulture), "-d" + seconds + "s", "--timeout", "10s", "-s", script, arm.ChatUrl.ToString()],
            Path.Combine(directory, $"wrk-{arm.Name}.log"), core: null);
        var line = await wrk.WaitForLineAsync(l => l.StartsWith("WRKJSON ", StringComparison.Ordinal), duration + TimeSpan.FromSeconds(30));
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var requests = (long)f[0];
        var errors = (long)(f[2] + f[3] + f[4] + f[5] + f[6]);
        // No request finished in time (a cold arm in smoke mode): there are no percentiles to report.
        return requests == 0
            ? new LatencyResult(0, errors, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
            : new LatencyResult(requests, errors, requests / (f[1] / 1_000_000.0), f[7], f[8], f[9], f[10], f[11]);
    }

    private static string Script(IArm arm, string body)
    {
        var headers = string.Concat(arm.Headers.Select(h => $"wrk.headers[\"{h.Key}\"] = [==[{h.Value}]==]\n"));
        return $$"""
            wrk.method = "POST"
            wrk.body = [==[{{body}}]==]
            wrk.headers["Content-Type"] = "application/json"
            {{headers}}
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("WRKJSON %d %d %d %d %d %d %d %.0f %.0f %.0f %.0f %.0f\n",
                summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
                latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
            end
            """;
    }
}
