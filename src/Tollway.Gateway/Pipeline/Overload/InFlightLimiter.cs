namespace Tollway.Gateway.Pipeline.Overload;

/// <summary>
/// Counts the model requests in flight on this node and admits a new one only under the limit. One interlocked
/// increment per request, no lock and no allocation, so the check costs the request path nothing measurable and
/// stays cheap when a flood of requests is being refused.
/// </summary>
/// <remarks>
/// The count is raised before it is compared, and lowered again on a refusal, so it never admits more than the
/// limit. Two requests racing for the last slot while a third holds it for an instant may both be refused; under
/// a load that reaches the limit that is the right side to err on.
/// </remarks>
internal sealed class InFlightLimiter
{
    private int _inFlight;
    private long _refused;

    public InFlightLimiter(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Limit = limit;
    }

    /// <summary>The most requests in flight at once.</summary>
    public int Limit { get; }

    /// <summary>Requests admitted and not yet ended.</summary>
    public int InFlight => Math.Min(Volatile.Read(ref _inFlight), Limit);

    /// <summary>Requests refused since start.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Takes a slot; false (counted) when all are taken. A true answer must be paired with one <see cref="Exit"/>.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= Limit)
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _refused);
        return false;
    }

    /// <summary>Gives back the slot of a request that ended.</summary>
    public void Exit() => Interlocked.Decrement(ref _inFlight);
}
