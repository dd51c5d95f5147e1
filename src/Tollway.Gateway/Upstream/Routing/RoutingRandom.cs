namespace Tollway.Gateway.Upstream.Routing;

/// <summary>The randomness routing uses (weights, jitter), injectable so that tests choose the seed.</summary>
public sealed class RoutingRandom(Random random)
{
    private readonly Lock _lock = new();

    /// <summary>A non-negative number below <paramref name="maxExclusive"/>.</summary>
    public int Next(int maxExclusive)
    {
        lock (_lock)
        {
            return random.Next(maxExclusive);
        }
    }

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble()
    {
        lock (_lock)
        {
            return random.NextDouble();
        }
    }
}
