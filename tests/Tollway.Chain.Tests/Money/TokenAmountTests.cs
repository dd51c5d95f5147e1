using System.Numerics;
using Tollway.Chain.Money;

namespace Tollway.Chain.Tests.Money;

public sealed class TokenAmountTests
{
    [Fact]
    public void FromBaseUnits_SixDecimals_MultipliesByAThousand()
    {
        Assert.Equal(new TokenAmount(1_234_567_000, BigInteger.Zero), TokenAmount.FromBaseUnits(1_234_567, 6));
    }

    [Fact]
    public void FromBaseUnits_EighteenDecimals_KeepsTheDustExactly()
    {
        // 1.000000001234567891 DAI: one dollar, one nano-dollar, and 234567891 wei of dust.
        var raw = BigInteger.Parse("1000000001234567891", System.Globalization.CultureInfo.InvariantCulture);

        var amount = TokenAmount.FromBaseUnits(raw, 18);

        Assert.Equal(1_000_000_001, amount.Nanos);
        Assert.Equal(new BigInteger(234_567_891), amount.Dust);
        Assert.Equal(raw, (amount.Nanos * BigInteger.Pow(10, 9)) + amount.Dust);
    }

    [Fact]
    public void FromBaseUnits_LessThanANano_IsAllDust()
    {
        Assert.Equal(new TokenAmount(0, 999_999_999), TokenAmount.FromBaseUnits(999_999_999, 18));
    }

    [Fact]
    public void FromBaseUnits_MoreThanALongOfNanos_Throws()
    {
        Assert.Throws<OverflowException>(() => TokenAmount.FromBaseUnits(BigInteger.Pow(10, 30), 6));
    }

    [Theory]
    [InlineData(1_000, 6, 1)]
    [InlineData(1_001, 6, 2)]
    [InlineData(1, 6, 1)]
    [InlineData(0, 6, 0)]
    [InlineData(1, 18, 1_000_000_000)]
    public void ToBaseUnitsRoundedUp_NeverUndercharges(long nanos, int decimals, long expected)
    {
        Assert.Equal(new BigInteger(expected), TokenAmount.ToBaseUnitsRoundedUp(nanos, decimals));
    }
}
