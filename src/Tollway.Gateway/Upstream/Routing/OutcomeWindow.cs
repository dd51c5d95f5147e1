namespace Tollway.Gateway.Upstream.Routing;

/// <summary>
/// How many requests an endpoint answered, and how many of them failed, over a sliding window: counted in a ring of
/// buckets, each a sixtieth of the window, so recording is a few additions and the memory is fixed at any traffic. An
/// outcome stops counting when its bucket leaves the window: the window is exact to within one bucket (a second of
/// the default minute). Not thread-safe: <see cref="EndpointHealth"/> calls it under its lock.
/// </summary>
/// <remarks>
/// A queue of every outcome held 60 seconds' worth of requests: 720,000 entries (8–16 MB) per endpoint at 12,000
/// requests a second, all of them counted again on every failure, which under a failing provider at that rate is
/// billions of steps a second (bench/NOTES.md).
/// </remarks>
internal sealed class OutcomeWindow
{
    private const int Buckets = 60;

    private readonly long _bucketLength;
    private readonly long[] _bucketNumbers = new long[Buckets];
    private readonly int[] _outcomes = new int[Buckets];
    private readonly int[] _failures = new int[Buckets];

    /// <param name="window">How far back outcomes count.</param>
    /// <param name="timestampFrequency">Timestamp ticks per second (<see cref="TimeProvider.TimestampFrequency"/>).</param>
    public OutcomeWindow(TimeSpan window, long timestampFrequency)
    {
        _bucketLength = Math.Max(1, (long)(window.TotalSeconds * timestampFrequency / Buckets));
        Clear();
    }

    /// <summary>Counts one outcome at <paramref name="timestamp"/> (from the same clock as every other call).</summary>
    public void Add(long timestamp, bool failed)
    {
        var number = timestamp / _bucketLength;
        var slot = Slot(number);
        if (_bucketNumbers[slot] != number)
        {
            // The slot last held a bucket a whole window ago or more.
            _bucketNumbers[slot] = number;
            _outcomes[slot] = 0;
            _failures[slot] = 0;
        }

        _outcomes[slot]++;
        if (failed)
        {
            _failures[slot]++;
        }
    }

    /// <summary>The outcomes, and the failures among them, in the window that ends at <paramref name="now"/>.</summary>
    public (int Outcomes, int Failures) Count(long now)
    {
        var current = now / _bucketLength;
        int outcomes = 0, failures = 0;
        for (var slot = 0; slot < Buckets; slot++)
        {
            if (_bucketNumbers[slot] > current - Buckets && _bucketNumbers[slot] <= current)
            {
                outcomes += _outcomes[slot];
                failures += _failures[slot];
            }
        }

        return (outcomes, failures);
    }

    /// <summary>Forgets every outcome.</summary>
    public void Clear() => _bucketNumbers.AsSpan().Fill(long.MinValue);

    private static int Slot(long bucketNumber) => (int)(((bucketNumber % Buckets) + Buckets) % Buckets);
}
