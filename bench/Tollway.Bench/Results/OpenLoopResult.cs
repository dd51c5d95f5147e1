using System.Globalization;

namespace Tollway.Bench.Results;

/// <summary>
/// Scenario (c)'s outcome: the latency the report keeps, where each error came from (a request dropped at the in-flight
/// cap, a refused connection, a client timeout, another transport failure, an answer other than 200), and how late the
/// generator sent its requests. A late sender counts in the latency already; it is shown so that a generator that could
/// not keep the rate is told apart from an arm that could not.
/// </summary>
internal sealed record OpenLoopResult(
    LatencyResult Latency, long Dropped, long Refused, long TimedOut, long Failed, long BadStatus, double SendLateP99, double SendLateMax)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Latency.Errors} errors ({Dropped} dropped at the in-flight cap, {Refused} refused, {TimedOut} timed out, {Failed} other failures, " +
        $"{BadStatus} not 200); sent late by p99 {SendLateP99:F0} µs, at most {SendLateMax:F0} µs");
}
