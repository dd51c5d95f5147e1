using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Upstream.Routing;

namespace Tollway.Gateway.Tests.Upstream.Routing;

public sealed class EndpointHealthTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RoutingOptions _options = new()
    {
        BreakerMinimumRequests = 4,
        BreakerFailurePercent = 50,
        BreakerCoolDown = TimeSpan.FromSeconds(30),
        QuotaCoolDown = TimeSpan.FromMinutes(5),
        BreakerWindow = TimeSpan.FromSeconds(60),
    };

    [Fact]
    public void RecordFailure_BelowTheMinimumRequests_KeepsTheCircuitClosed()
    {
        var health = New();

        health.RecordFailure("HTTP 503", quota: false);
        health.RecordFailure("HTTP 503", quota: false);

        Assert.Equal(BreakerState.Closed, health.Snapshot().State);
        Assert.True(health.TryAcquire());
    }

    [Fact]
    public void RecordFailure_RateReached_OpensTheCircuitUntilTheCoolDownThenLetsOneProbeThrough()
    {
        var health = New();
        health.RecordSuccess(TimeSpan.FromMilliseconds(100), null);
        health.RecordSuccess(TimeSpan.FromMilliseconds(100), null);
        health.RecordFailure("HTTP 503", quota: false);
        health.RecordFailure("HTTP 503", quota: false);

        Assert.Equal(BreakerState.Open, health.Snapshot().State);
        Assert.False(health.IsAvailable);
        Assert.False(health.TryAcquire());

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(health.IsAvailable);
        Assert.True(health.TryAcquire());
        Assert.False(health.TryAcquire());
        Assert.Equal(BreakerState.HalfOpen, health.Snapshot().State);
    }

    [Fact]
    public void RecordSuccess_OfTheProbe_ClosesTheCircuit()
    {
        var health = Opened();
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(health.TryAcquire());

        health.RecordSuccess(TimeSpan.FromMilliseconds(80), null);

        Assert.Equal(BreakerState.Closed, health.Snapshot().State);
        Assert.True(health.TryAcquire());
        Assert.True(health.TryAcquire());
    }

    [Fact]
    public void RecordFailure_OfTheProbe_OpensTheCircuitAgain()
    {
        var health = Opened();
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(health.TryAcquire());

        health.RecordFailure("timeout", quota: false);

        Assert.Equal(BreakerState.Open, health.Snapshot().State);
        Assert.False(health.TryAcquire());
    }

    [Fact]
    public void RecordFailure_Quota_OpensAtOnceForTheLongerCoolDown()
    {
        var health = New();

        health.RecordFailure("HTTP 401", quota: true);

        Assert.Equal(BreakerState.Open, health.Snapshot().State);
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.False(health.IsAvailable);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(health.IsAvailable);
    }

    [Fact]
    public void RecordFailure_OlderThanTheWindow_NoLongerCounts()
    {
        var health = New();
        health.RecordFailure("HTTP 503", quota: false);
        health.RecordFailure("HTTP 503", quota: false);
        health.RecordFailure("HTTP 503", quota: false);

        _time.Advance(TimeSpan.FromSeconds(61));
        health.RecordFailure("HTTP 503", quota: false);

        Assert.Equal(BreakerState.Closed, health.Snapshot().State);
        Assert.Equal(1, health.Snapshot().FailuresInWindow);
    }

    [Fact]
    public void RecordSuccess_LatencyAndSpeed_AreExponentiallyWeighted()
    {
        var health = New();

        health.RecordSuccess(TimeSpan.FromMilliseconds(100), 50);
        health.RecordSuccess(TimeSpan.FromMilliseconds(200), 100);

        Assert.Equal(130, health.LatencyMs!.Value, precision: 6);
        Assert.Equal(65, health.TokensPerSecond!.Value, precision: 6);
    }

    private EndpointHealth New() => new("p/m", _options, _time);

    private EndpointHealth Opened()
    {
        var health = New();
        for (var i = 0; i < 4; i++)
        {
            health.RecordFailure("HTTP 500", quota: false);
        }

        Assert.Equal(BreakerState.Open, health.Snapshot().State);
        return health;
    }
}
