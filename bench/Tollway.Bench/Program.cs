using System.Text.Json;
using Tollway.Bench;
using Tollway.Bench.Results;

// bench/run.sh [--smoke] runs this after installing wrk and Portkey and building in Release; see bench/README.md.
var settings = BenchSettings.Parse(args);
Console.WriteLine($"Tollway benchmark harness: arms {string.Join(", ", settings.Arms)}; {settings.Rounds} round(s){(settings.Smoke ? ", smoke mode" : "")}.");
BenchRun run;
try
{
    run = settings.ReportFrom is { } saved
        ? JsonSerializer.Deserialize(await File.ReadAllTextAsync(saved), BenchJsonContext.Default.BenchRun)!
        : await new BenchRunner(settings, Console.Out).RunAsync();
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine("benchmark failed: " + ex.Message);
    return 1;
}

var summaries = run.Arms
    .Select(arm => (arm, rounds: run.Rounds.Where(r => r.Arm == arm).ToList()))
    .Where(x => x.rounds.Count > 0)
    .ToDictionary(x => x.arm, x => ArmSummary.From(x.arm, x.rounds));
var targets = new[] { ArmNames.TollwaySqlite, ArmNames.TollwayPostgres }
    .SelectMany(arm => Targets.Check(arm, summaries, run.HeldStreams.GetValueOrDefault(arm)))
    .Concat(TelemetryTargets.Check(summaries))
    .ToList();

Directory.CreateDirectory(Path.GetDirectoryName(settings.ResultsPath)!);
ResultsChart.Save(settings.ChartPath, [.. run.Arms.Where(summaries.ContainsKey).Select(a => summaries[a])]);
var notesPath = Path.Combine(settings.Root, "bench", "NOTES.md");
var notes = settings.Smoke || !File.Exists(notesPath) ? null : await File.ReadAllTextAsync(notesPath);
var chartLink = Path.GetRelativePath(Path.GetDirectoryName(settings.ResultsPath)!, settings.ChartPath);
await File.WriteAllTextAsync(settings.ResultsPath, ResultsMarkdown.Write(run, summaries, targets, chartLink, notes));
if (settings.ReportFrom is null)
{
    await File.WriteAllTextAsync(Path.ChangeExtension(settings.ResultsPath, ".json"), JsonSerializer.Serialize(run, BenchJsonContext.Default.BenchRun));
}

Console.WriteLine();
foreach (var target in targets)
{
    Console.WriteLine($"target [{target.Arm}] {target.Target}: {target.Measured} -> {target.Verdict.Trim('*')}");
}

Console.WriteLine($"Wrote {settings.ResultsPath} and {settings.ChartPath}.");

// Smoke mode asserts nothing about time, only that the gateway answered correctly under every scenario.
var broken = run.Failed.Keys.Where(arm => arm != ArmNames.Portkey)
    .Concat(run.Rounds.Where(r => r.Arm.StartsWith("tollway", StringComparison.Ordinal))
    // Not (c): at a fixed rate, an arm that falls behind drops requests, and that is a matter of time, not correctness.
    .Where(r => r.OneConnection!.Errors + r.Throughput!.Errors > 0 || r.Stream!.Intact != r.Stream.Streams)
    .Select(r => r.Arm))
    .Concat(run.HeldStreams.Where(h => h.Key.StartsWith("tollway", StringComparison.Ordinal) && h.Value.Intact != h.Value.Target).Select(h => h.Key))
    .Distinct()
    .ToList();
if (broken.Count > 0)
{
    Console.Error.WriteLine($"requests failed on: {string.Join(", ", broken)}");
    return 1;
}

return 0;
