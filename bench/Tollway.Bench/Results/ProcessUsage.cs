namespace Tollway.Bench.Results;

/// <summary>Scenario (e): the arm's process during a scenario — its largest resident set and the cores it kept busy.</summary>
internal sealed record ProcessUsage(double StartRssMb, double PeakRssMb, double CpuCores, double CpuSeconds);
