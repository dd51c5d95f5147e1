using Tollway.Gateway.Pipeline.Overload;

namespace Tollway.Gateway.Tests.Pipeline.Overload;

public sealed class InFlightLimiterTests
{
    [Fact]
    public void TryEnter_UpToTheLimit_AdmitsThenRefusesAndCounts()
    {
        var limiter = new InFlightLimiter(2);

        Assert.True(limiter.TryEnter());
        Assert.True(limiter.TryEnter());
        Assert.False(limiter.TryEnter());
        Assert.False(limiter.TryEnter());

        Assert.Equal(2, limiter.InFlight);
        Assert.Equal(2, limiter.Refused);
    }

    [Fact]
    public void Exit_AfterARefusal_FreesTheSlotForTheNextRequest()
    {
        var limiter = new InFlightLimiter(1);
        Assert.True(limiter.TryEnter());
        Assert.False(limiter.TryEnter());

        limiter.Exit();

        Assert.Equal(0, limiter.InFlight);
        Assert.True(limiter.TryEnter());
        Assert.Equal(1, limiter.Refused);
    }

    [Fact]
    public async Task TryEnter_ManyThreadsAtOnce_NeverAdmitsMoreThanTheLimitAndLosesNoSlot()
    {
        const int Limit = 3;
        const int Workers = 8;
        const int Rounds = 20_000;
        var limiter = new InFlightLimiter(Limit);
        var admittedNow = 0;
        var mostAtOnce = 0;
        var admitted = 0L;
        using var start = new Barrier(Workers);

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            for (var i = 0; i < Rounds; i++)
            {
                if (!limiter.TryEnter())
                {
                    continue;
                }

                var now = Interlocked.Increment(ref admittedNow);
                InterlockedMax(ref mostAtOnce, now);
                Interlocked.Increment(ref admitted);
                Interlocked.Decrement(ref admittedNow);
                limiter.Exit();
            }
        }, TestContext.Current.CancellationToken)));

        Assert.InRange(mostAtOnce, 1, Limit);
        Assert.Equal(0, limiter.InFlight);
        Assert.Equal((long)Workers * Rounds, admitted + limiter.Refused);
        // Every slot came back: the limiter admits a full set again.
        Assert.All(Enumerable.Range(0, Limit), _ => Assert.True(limiter.TryEnter()));
        Assert.False(limiter.TryEnter());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_LimitNotPositive_Throws(int limit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new InFlightLimiter(limit));

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
