using System.Numerics;
using Tollway.Chain.X402;

namespace Tollway.Chain.Tests.X402;

public sealed class TokenUnitsTests
{
    [Theory]
    [InlineData(0, 6, "0")]
    [InlineData(1_000, 6, "1")]
    [InlineData(1_001, 6, "2")]
    [InlineData(1, 6, "1")]
    [InlineData(1_000_000_000, 6, "1000000")]
    [InlineData(1, 18, "1000000000")]
    [InlineData(123_456_789, 2, "13")]
    public void FromNanosRoundingUp_Amount_IsTheLeastUnitsThatCoverIt(long nanos, int decimals, string expected)
    {
        Assert.Equal(BigInteger.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TokenUnits.FromNanosRoundingUp(nanos, decimals));
    }

    [Theory]
    [InlineData("2", 6, 2_000)]
    [InlineData("1000000", 6, 1_000_000_000)]
    [InlineData("1999999999", 18, 1)]
    [InlineData("13", 2, 130_000_000)]
    public void ToNanosRoundingDown_Units_IsWhatTheyAreWorthWithoutInventingDust(string units, int decimals, long expected)
    {
        Assert.Equal(expected, TokenUnits.ToNanosRoundingDown(BigInteger.Parse(units, System.Globalization.CultureInfo.InvariantCulture), decimals));
    }

    [Fact]
    public void ToNanosRoundingDown_QuoteConvertedBack_CoversTheQuotedNanos()
    {
        foreach (var nanos in new long[] { 1, 999, 1_001, 12_345_678, 987_654_321_123 })
        {
            foreach (var decimals in new[] { 2, 6, 18 })
            {
                Assert.True(TokenUnits.ToNanosRoundingDown(TokenUnits.FromNanosRoundingUp(nanos, decimals), decimals) >= nanos);
            }
        }
    }

    [Fact]
    public void ToNanosRoundingDown_BeyondLong_ReturnsNull()
    {
        Assert.Null(TokenUnits.ToNanosRoundingDown(BigInteger.Pow(10, 40), 6));
    }
}
