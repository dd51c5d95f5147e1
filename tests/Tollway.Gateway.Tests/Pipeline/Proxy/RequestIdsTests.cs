using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Platform.Identifiers;

namespace Tollway.Gateway.Tests.Pipeline.Proxy;

public sealed class RequestIdsTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void New_AnyTime_IsGenThenTwentyFourBase62Characters()
    {
        var id = RequestIds.New(At);

        Assert.StartsWith("gen-", id, StringComparison.Ordinal);
        Assert.Equal(28, id.Length);
        Assert.All(id[4..], c => Assert.Contains(c, RandomIds.Alphabet));
    }

    [Fact]
    public void New_LaterMillisecond_SortsAfterEveryIdOfTheEarlierOne()
    {
        var earlier = Enumerable.Range(0, 50).Select(_ => RequestIds.New(At)).ToList();
        var later = Enumerable.Range(0, 50).Select(_ => RequestIds.New(At.AddMilliseconds(1))).ToList();

        Assert.All(earlier, e => Assert.All(later, l => Assert.True(string.CompareOrdinal(e, l) < 0, $"{e} sorts after {l}")));
    }

    [Fact]
    public void New_TimesFarApart_SortAsTheTimesDo()
    {
        DateTimeOffset[] times = [DateTimeOffset.UnixEpoch, At.AddYears(-5), At, At.AddSeconds(61), At.AddYears(50)];

        var ids = times.Select(RequestIds.New).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void New_SameMillisecond_GivesDifferentIds()
    {
        var ids = Enumerable.Range(0, 1_000).Select(_ => RequestIds.New(At)).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(ids[0][..12], id[..12]));
    }

    [Fact]
    public void New_RandomPart_UsesEveryCharacterEquallyOften()
    {
        var counts = new Dictionary<char, int>();
        for (var i = 0; i < 100_000; i++)
        {
            foreach (var c in RequestIds.New(At).AsSpan(12))
            {
                counts[c] = counts.GetValueOrDefault(c) + 1;
            }
        }

        // 1.6 million draws: about 25,800 per character with a standard deviation near 160. A skew such as a plain
        // byte % 62 would give the first eight characters a quarter more.
        var expected = 100_000 * 16 / RandomIds.Alphabet.Length;
        Assert.Equal(RandomIds.Alphabet.Length, counts.Count);
        Assert.All(counts, c => Assert.InRange(c.Value, expected - 1_300, expected + 1_300));
    }
}
