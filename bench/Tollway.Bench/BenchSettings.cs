using System.Globalization;

namespace Tollway.Bench;

/// <summary>
/// What one run of the harness does: which arms, how many interleaved rounds, how long each scenario lasts (smoke mode
/// shortens everything to seconds), and where the tools and the outputs are.
/// </summary>
internal sealed record BenchSettings
{
    public required string Root { get; init; }

    public required string Work { get; init; }

    public bool Smoke { get; init; }

    public int Rounds { get; init; } = 3;

    public IReadOnlyList<string> Arms { get; init; } = ArmNames.All;

    public string? Postgres { get; init; }

    public string? PortkeyDirectory { get; init; }

    public string Command { get; init; } = "bench/run.sh";

    public string ResultsPath { get; init; } = "";

    public string ChartPath { get; init; } = "";

    /// <summary>A RESULTS.json to write the report and chart from again, without running anything (after editing NOTES.md).</summary>
    public string? ReportFrom { get; init; }

    /// <summary>The core the arm under test is pinned to; the mock, the load generators and this harness use the other.</summary>
    public int GatewayCore { get; init; }

    public int LoadCore { get; init; } = 1;

    public bool Pin { get; init; } = true;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The least load each arm gets before its first measured round (see BenchRunner.WarmUpAsync).</summary>
    public TimeSpan SteadyStateMinimum { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan LatencyDuration { get; init; } = TimeSpan.FromSeconds(8);

    public TimeSpan ThroughputDuration { get; init; } = TimeSpan.FromSeconds(8);

    public int ThroughputConnections { get; init; } = 64;

    public TimeSpan OpenLoopDuration { get; init; } = TimeSpan.FromSeconds(10);

    public int OpenLoopRate { get; init; } = 2000;

    public int OpenLoopDelayMs { get; init; } = 20;

    /// <summary>
    /// Connections the open-loop client opens before its clock starts: twice the requests in flight at the rate and the
    /// mock's delay (Little's law), so the steady state never waits for a connect. The pool may still grow to 256.
    /// </summary>
    public int OpenLoopConnections => Math.Max(1, 2 * OpenLoopRate * OpenLoopDelayMs / 1000);

    public int Streams { get; init; } = 6;

    public int StreamChunks { get; init; } = 64;

    public int StreamIntervalMs { get; init; } = 20;

    public int HeldStreams { get; init; } = 5000;

    public int HeldChunks { get; init; } = 20;

    public int HeldIntervalMs { get; init; } = 1000;

    public static BenchSettings Parse(string[] args)
    {
        var root = Path.GetFullPath(Value(args, "--root") ?? Directory.GetCurrentDirectory());
        var smoke = args.Contains("--smoke");
        var work = Path.GetFullPath(Value(args, "--work") ?? Path.Combine(root, "bench", "work"));
        var settings = new BenchSettings
        {
            Root = root,
            Work = work,
            Smoke = smoke,
            Postgres = Value(args, "--postgres") ?? NullIfEmpty(Environment.GetEnvironmentVariable("TWTEST_POSTGRES")),
            PortkeyDirectory = Value(args, "--portkey"),
            ReportFrom = Value(args, "--report-from"),
            Command = Value(args, "--command") ?? "bench/run.sh " + string.Join(' ', args),
            ResultsPath = Value(args, "--out") ?? (smoke ? Path.Combine(work, "RESULTS-smoke.md") : Path.Combine(root, "bench", "RESULTS.md")),
            ChartPath = Value(args, "--chart") ?? (smoke ? Path.Combine(work, "results-smoke.png") : Path.Combine(root, "bench", "results.png")),
            Pin = Environment.ProcessorCount >= 1 && !args.Contains("--no-pin") && File.Exists("/usr/bin/taskset"),
        };
        if (Value(args, "--arms") is { } arms)
        {
            settings = settings with { Arms = arms.Split(',', StringSplitOptions.RemoveEmptyEntries) };
        }

        if (smoke)
        {
            settings = settings with
            {
                Rounds = 1,
                Warmup = TimeSpan.FromSeconds(0.5),
                LatencyDuration = TimeSpan.FromSeconds(1),
                ThroughputDuration = TimeSpan.FromSeconds(1),
                ThroughputConnections = 16,
                OpenLoopDuration = TimeSpan.FromSeconds(1),
                OpenLoopRate = 500,
                Streams = 1,
                StreamChunks = 16,
                HeldStreams = 100,
                HeldChunks = 3,
                HeldIntervalMs = 300,
            };
        }

        if (Value(args, "--rounds") is { } rounds)
        {
            settings = settings with { Rounds = int.Parse(rounds, CultureInfo.InvariantCulture) };
        }

        if (Value(args, "--held-streams") is { } held)
        {
            settings = settings with { HeldStreams = int.Parse(held, CultureInfo.InvariantCulture) };
        }

        return settings;
    }

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
