using Tollway.Chain.Rpc;

namespace Tollway.Chain.Tests.Rpc;

public sealed class AdaptiveBlockRangeTests
{
    [Fact]
    public void Shrink_RefusedSpan_HalvesBelowWhatWasAsked()
    {
        var range = new AdaptiveBlockRange(2000);

        Assert.True(range.Shrink(2000));
        Assert.Equal(1000, range.Size);
        // A short range near the head refused: the next is half of it, not half of the configured most.
        Assert.True(range.Shrink(10));
        Assert.Equal(5, range.Size);
    }

    [Fact]
    public void Shrink_OneBlockRefused_CannotShrinkFurther()
    {
        var range = new AdaptiveBlockRange(2);

        Assert.True(range.Shrink(2));
        Assert.False(range.Shrink(1));
        Assert.Equal(1, range.Size);
    }

    [Fact]
    public void Answered_ARunOfAnsweredRanges_DoublesBackUpToTheMost()
    {
        var range = new AdaptiveBlockRange(100);
        range.Shrink(100);
        range.Shrink(50);
        Assert.Equal(25, range.Size);

        var sizes = new List<int>();
        for (var i = 0; i < 4 * AdaptiveBlockRange.GrowAfter; i++)
        {
            range.Answered();
            sizes.Add(range.Size);
        }

        Assert.Equal([25, 25, 25, 50, 50, 50, 50, 100, 100, 100, 100, 100, 100, 100, 100, 100], sizes);
    }

    [Fact]
    public void Answered_RefusalInTheRun_StartsTheCountAgain()
    {
        var range = new AdaptiveBlockRange(64);
        range.Shrink(64);
        range.Answered();
        range.Answered();
        range.Answered();
        range.Shrink(32);
        range.Answered();

        Assert.Equal(16, range.Size);
    }
}
