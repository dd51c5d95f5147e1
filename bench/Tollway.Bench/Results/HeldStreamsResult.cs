namespace Tollway.Bench.Results;

/// <summary>
/// Scenario (f): many slow streams open at once. How many opened, how many were open together at the peak, how many
/// ended intact (every content event in order, then <c>[DONE]</c>), and the arm's memory before and at the peak.
/// </summary>
internal sealed record HeldStreamsResult(
    int Target, int PeakOpen, int Intact, int Errors, double OpenSeconds, double TotalSeconds, double? BaselineRssMb, double? PeakRssMb)
{
    /// <summary>Resident memory added per open stream, in KiB.</summary>
    public double? KibPerStream => BaselineRssMb is { } start && PeakRssMb is { } peak && PeakOpen > 0 ? (peak - start) * 1024 / PeakOpen : null;
}
