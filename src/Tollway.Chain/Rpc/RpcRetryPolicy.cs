namespace Tollway.Chain.Rpc;

/// <summary>
/// How hard a call tries: each failed attempt moves to the next URL; after a round through all of them the client waits
/// <see cref="InitialBackoff"/>, doubling per round up to <see cref="MaxBackoff"/>, until <see cref="MaxAttempts"/>.
/// </summary>
public sealed record RpcRetryPolicy(int MaxAttempts, TimeSpan InitialBackoff, TimeSpan MaxBackoff, TimeSpan RequestTimeout)
{
    /// <summary>Eight attempts, 250 ms doubling to 8 s between rounds, 20 s per request.</summary>
    public static RpcRetryPolicy Default { get; } = new(8, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(20));

    /// <summary>The wait after the given completed round (1-based).</summary>
    public TimeSpan BackoffAfterRound(int round)
    {
        var ticks = InitialBackoff.Ticks;
        for (var i = 1; i < round && ticks < MaxBackoff.Ticks; i++)
        {
            ticks *= 2;
        }

        return TimeSpan.FromTicks(Math.Min(ticks, MaxBackoff.Ticks));
    }
}
