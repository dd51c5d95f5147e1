namespace Tollway.Bench.Results;

/// <summary>
/// Scenario (d): streams read one after another. Time to the first event (µs), the largest and smallest gap between
/// consecutive content events (ms), and how many of those gaps were under half the mock's interval — chunks that
/// arrived together, i.e. were batched somewhere on the way.
/// </summary>
internal sealed record StreamResult(int Streams, int Intact, double FirstChunkP50, double FirstChunkMax, double MaxGapMs, double MinGapMs, int Batched, int Gaps);
