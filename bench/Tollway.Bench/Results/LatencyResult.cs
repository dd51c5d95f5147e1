namespace Tollway.Bench.Results;

/// <summary>A closed- or open-loop load run: requests, errors, throughput and latency percentiles in microseconds.</summary>
internal sealed record LatencyResult(long Requests, long Errors, double Rps, double P50, double P90, double P99, double P999, double Max);
