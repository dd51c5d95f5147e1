using System.Globalization;
using Tollway.Bench.Arms;
using Tollway.Bench.Hosting;
using Tollway.Bench.Load;
using Tollway.Bench.Measure;
using Tollway.Bench.Results;

namespace Tollway.Bench;

/// <summary>
/// Runs the whole benchmark: the mock on the load core, every arm started once on the gateway core, then rounds in
/// which the arms take turns (in a rotated order each round, so a burst of outside load hits different arms) through
/// scenarios (a)–(e), and finally scenario (f) per arm.
/// </summary>
internal sealed class BenchRunner(BenchSettings settings, TextWriter output)
{
    private readonly Dictionary<string, string> _skipped = [];
    private readonly Dictionary<string, string> _failed = [];

    public async Task<BenchRun> RunAsync()
    {
        var started = DateTimeOffset.UtcNow;
        Directory.CreateDirectory(settings.Work);
        var mockPort = FreePort.Next();
        await using var mock = ManagedProcess.Start("dotnet",
            [Path.Combine(settings.Root, "bench/Tollway.Bench.Mock/bin/Release/net10.0/Tollway.Bench.Mock.dll"), "--urls", $"http://127.0.0.1:{mockPort}"],
            Path.Combine(settings.Work, "mock.log"), settings.Pin ? settings.LoadCore : null);
        await Readiness.WaitForPortAsync(mockPort, mock, TimeSpan.FromSeconds(30));
        var context = new ArmContext(settings, new Uri($"http://127.0.0.1:{mockPort}/"), settings.Work);

        var arms = new List<IArm>();
        var stopped = new HashSet<IArm>();
        try
        {
            foreach (var name in settings.Arms)
            {
                if (await StartArmAsync(name, context) is { } arm)
                {
                    arms.Add(arm);
                }
            }

            // The harness's own clients are warmed too, so that the first arm measured does not pay for their JIT.
            if (arms.Count > 0)
            {
                await OpenLoopRunner.RunAsync(arms[0], ScenarioModels.Delayed(settings), settings.OpenLoopRate, settings.OpenLoopConnections, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
                await StreamProbe.RunAsync(arms[0], ScenarioModels.Streamed(settings), 1, settings.StreamChunks, settings.StreamIntervalMs);
            }

            var rounds = new List<ArmRound>();
            for (var round = 0; round < settings.Rounds; round++)
            {
                foreach (var arm in Rotate(arms, round).Where(a => !_failed.ContainsKey(a.Name)))
                {
                    try
                    {
                        rounds.Add(await RunRoundAsync(arm, round));
                    }
                    catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or TaskCanceledException)
                    {
                        Fail(arm, $"round {round + 1}: {ex.Message}");
                    }

                    if (arm.ProcessId is { } pid && !Directory.Exists($"/proc/{pid}"))
                    {
                        Fail(arm, $"its process died in round {round + 1} (its log is in bench/work/)");
                    }
                }
            }

            var held = new Dictionary<string, HeldStreamsResult>();
            var heldLoad = new Dictionary<string, double[]>();
            foreach (var arm in arms.Where(a => !_failed.ContainsKey(a.Name)))
            {
                var before = MachineLoad.LoadAverage();
                var result = await HeldStreamsRunner.RunAsync(arm, ScenarioModels.Held(settings), settings.HeldStreams, settings.HeldChunks);
                held[arm.Name] = result;
                heldLoad[arm.Name] = [before, MachineLoad.LoadAverage()];
                Print(arm.Name, "f", $"{result.PeakOpen}/{result.Target} open at once (all open after {result.OpenSeconds:F1} s), " +
                    $"{result.Intact} intact, {result.Errors} errors, RSS {Mb(result.BaselineRssMb)} -> {Mb(result.PeakRssMb)}, " +
                    $"{(result.KibPerStream is { } kib ? kib.ToString("F1", CultureInfo.InvariantCulture) + " KiB/stream" : "n/a")}");
                // Stopped once its streams are done: a gateway keeps its thousands of upstream connections pooled for 90 s,
                // and with several gateway arms in a row the mock ran out of descriptors (the next arms' streams timed out).
                await arm.DisposeAsync();
                stopped.Add(arm);
            }

            await ReportOtlpSinkAsync(context.MockBaseUrl);
            return new BenchRun(MachineInfoReader.Read(settings), started, DateTimeOffset.UtcNow, GitCommit(), settings.Command,
                settings.Smoke, settings.Pin, [.. arms.Select(a => a.Name)], _skipped, _failed, rounds, held, heldLoad);
        }
        finally
        {
            foreach (var arm in arms.Where(a => !stopped.Contains(a)))
            {
                await arm.DisposeAsync();
            }
        }
    }

    /// <summary>Says what the traced arm exported, so that its figures are known to include real exports.</summary>
    private async Task ReportOtlpSinkAsync(Uri mock)
    {
        if (!settings.Arms.Contains(ArmNames.TollwayTraced))
        {
            return;
        }

        using var http = new HttpClient();
        var counts = (await http.GetStringAsync(new Uri(mock, "v1/traces"))).Split(' ');
        output.WriteLine($"[{ArmNames.TollwayTraced}] OTLP sink received {counts[0]} exports, {counts[1]} bytes");
    }

    private async Task<IArm?> StartArmAsync(string name, ArmContext context)
    {
        IArm arm = name switch
        {
            ArmNames.Direct => new DirectArm(),
            ArmNames.PassThrough => new PassThroughArm(),
            ArmNames.TollwaySqlite => new TollwayArm(postgres: false),
            ArmNames.TollwayTelemetryOff => new TollwayArm(postgres: false, TelemetryMode.Off),
            ArmNames.TollwayTraced => new TollwayArm(postgres: false, TelemetryMode.Traced),
            ArmNames.TollwayPostgres => new TollwayArm(postgres: true),
            ArmNames.Portkey => new PortkeyArm(),
            _ => throw new ArgumentException($"unknown arm '{name}' (known: {string.Join(", ", ArmNames.All)})"),
        };
        if (name == ArmNames.Portkey && PortkeyArm.FindServer(settings.PortkeyDirectory) is null)
        {
            return Skip(arm, "the Portkey gateway is not installed (npm unreachable?)");
        }

        if (name == ArmNames.TollwayPostgres && settings.Postgres is null)
        {
            return Skip(arm, "no PostgreSQL server (TWTEST_POSTGRES unset)");
        }

        try
        {
            await arm.StartAsync(context);
            output.WriteLine($"[{name}] started: {arm.ChatUrl} (pid {arm.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "-"})");
            return arm;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or Npgsql.NpgsqlException)
        {
            await arm.DisposeAsync();
            throw new InvalidOperationException($"the arm '{name}' did not start: {ex.Message} (its log is under {settings.Work}).", ex);
        }
    }

    private void Fail(IArm arm, string reason)
    {
        _failed.TryAdd(arm.Name, reason);
        output.WriteLine($"[{arm.Name}] failed: {reason}; it takes no further part");
    }

    private IArm? Skip(IArm arm, string reason)
    {
        _skipped[arm.Name] = reason;
        output.WriteLine($"[{arm.Name}] skipped: {reason}");
        return null;
    }

    private async Task<ArmRound> RunRoundAsync(IArm arm, int round)
    {
        var started = DateTimeOffset.UtcNow;
        var background = await MachineLoad.BackgroundCoresAsync(TimeSpan.FromSeconds(settings.Smoke ? 0.2 : 1));
        var loadBefore = MachineLoad.LoadAverage();
        var directory = settings.Work;
        var instant = ScenarioModels.Instant;
        // Warm-up: JIT tiers, connection pools, the gateway's caches. The first round runs each arm to its steady state.
        if (round == 0 && !settings.Smoke)
        {
            await WarmUpAsync(arm);
        }
        else
        {
            await WrkRunner.RunAsync(arm, instant, 16, settings.Warmup, directory);
        }

        var one = await WrkRunner.RunAsync(arm, instant, 1, settings.LatencyDuration, directory);
        Print(arm.Name, "a", $"1 connection: {one.Rps:F0} req/s, p50 {one.P50:F0} µs, p99 {one.P99:F0} µs, {one.Errors} errors");

        var sampler = ProcessSampler.Start(arm.ProcessId);
        var many = await WrkRunner.RunAsync(arm, instant, settings.ThroughputConnections, settings.ThroughputDuration, directory);
        var manyUsage = sampler is null ? null : await sampler.StopAsync();
        Print(arm.Name, "b", $"{settings.ThroughputConnections} connections: {many.Rps:F0} req/s, p99 {many.P99:F0} µs, {many.Errors} errors{Usage(manyUsage)}");

        sampler = ProcessSampler.Start(arm.ProcessId);
        var openLoop = await OpenLoopRunner.RunAsync(arm, ScenarioModels.Delayed(settings), settings.OpenLoopRate, settings.OpenLoopConnections,
            TimeSpan.FromSeconds(1), settings.OpenLoopDuration);
        var open = openLoop.Latency;
        var openUsage = sampler is null ? null : await sampler.StopAsync();
        Print(arm.Name, "c", $"{settings.OpenLoopRate} req/s open loop, mock +{settings.OpenLoopDelayMs} ms: p50 {open.P50:F0} µs, p99 {open.P99:F0} µs, " +
            $"{openLoop.Describe()}{Usage(openUsage)}");

        var stream = await StreamProbe.RunAsync(arm, ScenarioModels.Streamed(settings), settings.Streams, settings.StreamChunks, settings.StreamIntervalMs);
        Print(arm.Name, "d", $"{stream.Intact}/{stream.Streams} intact, first chunk p50 {stream.FirstChunkP50:F0} µs, " +
            $"gaps {stream.MinGapMs:F1}-{stream.MaxGapMs:F1} ms, {stream.Batched} of {stream.Gaps} gaps short");

        return new ArmRound(arm.Name, round, started, loadBefore, MachineLoad.LoadAverage(), background, one, many, manyUsage, open, openUsage, stream);
    }

    /// <summary>
    /// Loads an arm until it runs at its steady state, which for a .NET process means until the JIT has recompiled its
    /// hot path with profile data (tier 1 with dynamic PGO). On one shared core that takes far longer than the tiering
    /// delay suggests: the gateway measured 3,500 req/s for its first 30 s of load and 10,000 from 50 s on. So: streams
    /// first (their code is not on the non-streamed path), then 5-second windows at the throughput scenario's
    /// concurrency for at least <see cref="BenchSettings.SteadyStateMinimum"/>, until two windows in a row are within 3%
    /// of each other, for at most twice the minimum. The windows are printed, so the report shows the curve.
    /// </summary>
    private async Task WarmUpAsync(IArm arm)
    {
        await WrkRunner.RunAsync(arm, ScenarioModels.Streamed(settings), settings.ThroughputConnections, TimeSpan.FromSeconds(10), settings.Work, stream: true);
        var window = TimeSpan.FromSeconds(5);
        var windows = new List<double>();
        while (windows.Count * window < settings.SteadyStateMinimum * 2)
        {
            var result = await WrkRunner.RunAsync(arm, ScenarioModels.Instant, settings.ThroughputConnections, window, settings.Work);
            windows.Add(result.Rps);
            if (windows.Count * window >= settings.SteadyStateMinimum && Math.Abs(windows[^1] - windows[^2]) <= 0.03 * windows[^2])
            {
                break;
            }
        }

        Print(arm.Name, "warm-up", string.Create(CultureInfo.InvariantCulture,
            $"{windows.Count} windows of {window.TotalSeconds:F0} s after 10 s of streams, req/s: {string.Join(", ", windows.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}"));
    }

    private static IEnumerable<IArm> Rotate(List<IArm> arms, int round) =>
        arms.Count == 0 ? arms : arms.Skip(round % arms.Count).Concat(arms.Take(round % arms.Count));

    private void Print(string arm, string scenario, string text) => output.WriteLine($"[{arm}] ({scenario}) {text}");

    private static string Usage(ProcessUsage? usage) =>
        usage is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; process peak RSS {usage.PeakRssMb:F0} MB, CPU {usage.CpuCores:F2} cores ({usage.CpuSeconds:F1} s)");

    private static string Mb(double? mb) => mb is { } value ? value.ToString("F0", CultureInfo.InvariantCulture) + " MB" : "n/a";

    private string GitCommit()
    {
        var head = ProcessText.Run("git", ["-C", settings.Root, "rev-parse", "--short=12", "HEAD"]).Trim();
        var dirty = ProcessText.Run("git", ["-C", settings.Root, "status", "--porcelain", "--untracked-files=no"]).Trim().Length > 0;
        return dirty ? head + " (with uncommitted changes)" : head;
    }
}
