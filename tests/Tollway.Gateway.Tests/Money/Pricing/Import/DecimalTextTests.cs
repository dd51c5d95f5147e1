using Tollway.Gateway.Money.Pricing.Import;

namespace Tollway.Gateway.Tests.Money.Pricing.Import;

public sealed class DecimalTextTests
{
    [Theory]
    [InlineData("0.0000025", 2_500_000_000)]
    [InlineData("2.5e-06", 2_500_000_000)]
    [InlineData("2.5E-6", 2_500_000_000)]
    [InlineData("1e-06", 1_000_000_000)]
    [InlineData("3.75e-06", 3_750_000_000)]
    [InlineData("0.000000075", 75_000_000)]
    [InlineData("1.5E-7", 150_000_000)]
    [InlineData("0", 0)]
    [InlineData("0.0", 0)]
    [InlineData("-0", 0)]
    [InlineData("1e-15", 1)]
    [InlineData("0.00001", 10_000_000_000)]
    [InlineData("  6.0E-7 ", 600_000_000)]
    public void TryScale_PerTokenUsd_IsExactNanosPerMillion(string text, long expected)
    {
        Assert.Equal(DecimalText.Outcome.Ok, DecimalText.TryScale(text, 15, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1e-16", DecimalText.Outcome.TooPrecise)]
    [InlineData("0.0000000000000001", DecimalText.Outcome.TooPrecise)]
    [InlineData("0.08333333333333334", DecimalText.Outcome.TooPrecise)]
    [InlineData("-1", DecimalText.Outcome.Negative)]
    [InlineData("cheap", DecimalText.Outcome.Malformed)]
    [InlineData("1e", DecimalText.Outcome.Malformed)]
    [InlineData("1.2.3", DecimalText.Outcome.Malformed)]
    [InlineData("", DecimalText.Outcome.Malformed)]
    [InlineData("NaN", DecimalText.Outcome.Malformed)]
    [InlineData("1e300", DecimalText.Outcome.TooLarge)]
    [InlineData("99999999999", DecimalText.Outcome.TooLarge)]
    public void TryScale_UnbillableText_IsRefusedNotRounded(string text, DecimalText.Outcome expected)
    {
        Assert.Equal(expected, DecimalText.TryScale(text, 15, out var value));
        Assert.Equal(0, value);
    }

    [Fact]
    public void TryScale_PerRequestUsd_IsNanos()
    {
        Assert.Equal(DecimalText.Outcome.Ok, DecimalText.TryScale("0.012", 9, out var value));
        Assert.Equal(12_000_000, value);
    }
}
