using Tollway.Gateway.Upstream.Routing;

namespace Tollway.Gateway.Tests.Upstream.Routing;

public sealed class OutcomeWindowTests
{
    // One tick per millisecond: a 60 s window has buckets of 1,000 ticks.
    private const long Frequency = 1_000;
    private const long Start = 1_000_000;

    private readonly OutcomeWindow _window = new(TimeSpan.FromSeconds(60), Frequency);

    [Fact]
    public void Count_OutcomesWithinTheWindow_CountsThemAndTheirFailures()
    {
        _window.Add(Start, failed: false);
        _window.Add(Start + 10_000, failed: true);
        _window.Add(Start + 59_000, failed: true);

        Assert.Equal((3, 2), _window.Count(Start + 59_500));
    }

    [Fact]
    public void Count_OutcomeAWindowOld_NoLongerCounts()
    {
        _window.Add(Start, failed: true);
        _window.Add(Start + 30_000, failed: false);

        Assert.Equal((2, 1), _window.Count(Start + 59_999));
        Assert.Equal((1, 0), _window.Count(Start + 60_000));
        Assert.Equal((0, 0), _window.Count(Start + 90_000));
    }

    [Fact]
    public void Add_ToASlotLastUsedAWindowAgo_StartsItFromZero()
    {
        _window.Add(Start, failed: true);
        _window.Add(Start, failed: true);

        // The same slot of the ring, one window later.
        _window.Add(Start + 60_000, failed: false);

        Assert.Equal((1, 0), _window.Count(Start + 60_000));
    }

    [Fact]
    public void Add_AMillionOutcomesInOneWindow_CountsEveryOne()
    {
        for (var i = 0; i < 1_000_000; i++)
        {
            _window.Add(Start + (i % 60_000), failed: i % 4 == 0);
        }

        Assert.Equal((1_000_000, 250_000), _window.Count(Start + 59_999));
    }

    [Fact]
    public void Clear_ForgetsEveryOutcome()
    {
        _window.Add(Start, failed: true);

        _window.Clear();

        Assert.Equal((0, 0), _window.Count(Start));
    }
}
