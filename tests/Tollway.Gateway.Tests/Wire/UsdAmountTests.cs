using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Wire;

public sealed class UsdAmountTests
{
    [Theory]
    [InlineData("0.15", 150_000_000L)]
    [InlineData("2", 2_000_000_000L)]
    [InlineData(".5", 500_000_000L)]
    [InlineData("0.000000001", 1L)]
    [InlineData("0", 0L)]
    [InlineData("0.000000000", 0L)]
    [InlineData("2.50", 2_500_000_000L)]
    [InlineData("0.000150", 150_000L)]
    [InlineData("10.123456789", 10_123_456_789L)]
    [InlineData("007.1", 7_100_000_000L)]
    [InlineData(" 1.5 ", 1_500_000_000L)]
    public void TryParseNanos_DecimalText_ParsesExactly(string text, long expected)
    {
        Assert.True(UsdAmount.TryParseNanos(text, out var nanos));
        Assert.Equal(expected, nanos);
    }

    [Fact]
    public void TryParseNanos_LargestRepresentableAmount_Parses()
    {
        Assert.True(UsdAmount.TryParseNanos("9223372036.854775807", out var nanos));
        Assert.Equal(long.MaxValue, nanos);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-0.5")]
    [InlineData("+1")]
    [InlineData("1e-7")]
    [InlineData("1E3")]
    [InlineData("0.0000000001")]
    [InlineData("9223372036.854775808")]
    [InlineData("9223372037")]
    [InlineData("99999999999999999999")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("1,5")]
    [InlineData("1 000")]
    [InlineData("0x10")]
    [InlineData("١")]
    [InlineData("NaN")]
    public void TryParseNanos_NotAnExactNonNegativeAmount_Refuses(string text)
    {
        Assert.False(UsdAmount.TryParseNanos(text, out var nanos));
        // A refusal never leaks a partial value that a careless caller could use as a price.
        Assert.Equal(0, nanos);
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1L, "0.000000001")]
    [InlineData(1_500_000L, "0.0015")]
    [InlineData(150_000_000L, "0.15")]
    [InlineData(1_000_000_000L, "1")]
    [InlineData(2_500_000_000L, "2.5")]
    [InlineData(10_123_456_789L, "10.123456789")]
    [InlineData(-1L, "-0.000000001")]
    [InlineData(-2_500_000_000L, "-2.5")]
    [InlineData(long.MaxValue, "9223372036.854775807")]
    [InlineData(long.MinValue, "-9223372036.854775808")]
    public void FormatUsd_Nanos_WritesDollarsWithoutTrailingZeros(long nanos, string expected) =>
        Assert.Equal(expected, UsdAmount.FormatUsd(nanos));

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1_500_000L, "0.0015")]
    [InlineData(10_123_456_789L, "10.123456789")]
    [InlineData(-2_500_000_000L, "-2.5")]
    [InlineData(long.MinValue, "-9223372036.854775808")]
    public void FormatUsd_IntoBytes_WritesWhatTheStringFormShowsWithinTheMaximumLength(long nanos, string expected)
    {
        var ascii = new byte[UsdAmount.MaxFormattedLength];
        var written = UsdAmount.FormatUsd(nanos, ascii);
        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(ascii, 0, written));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(150_000_000L, "0.00000015")]
    [InlineData(2_500_000_000L, "0.0000025")]
    [InlineData(10_000_000_000L, "0.00001")]
    [InlineData(1L, "0.000000000000001")]
    [InlineData(1_000_000_000_000_000L, "1")]
    [InlineData(1_500_000_000_000_000L, "1.5")]
    public void FormatUsdPerToken_NanosPerMillionTokens_WritesUsdPerToken(long nanosPerMillion, string expected) =>
        Assert.Equal(expected, UsdAmount.FormatUsdPerToken(nanosPerMillion));

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(999_999_999L)]
    [InlineData(1_000_000_001L)]
    [InlineData(123_456_789_012L)]
    [InlineData(long.MaxValue)]
    public void FormatUsd_ThenTryParseNanos_RoundTrips(long nanos)
    {
        Assert.True(UsdAmount.TryParseNanos(UsdAmount.FormatUsd(nanos), out var parsed));
        Assert.Equal(nanos, parsed);
    }

    [Theory]
    [InlineData("0.15")]
    [InlineData("2.5")]
    [InlineData("0.000000001")]
    [InlineData("60")]
    public void TryParseNanos_ThenFormatUsd_RoundTripsCanonicalText(string text)
    {
        Assert.True(UsdAmount.TryParseNanos(text, out var nanos));
        Assert.Equal(text, UsdAmount.FormatUsd(nanos));
    }

    [Fact]
    public void FormatUsdPerToken_PricePerMillion_EqualsPricePerMillionDividedByAMillion()
    {
        // $0.15 per million tokens is $0.00000015 per token: the per-token text must parse back to the same price once
        // scaled by a million, which only holds if no digit was lost.
        Assert.True(UsdAmount.TryParseNanos("0.15", out var perMillion));

        var perToken = UsdAmount.FormatUsdPerToken(perMillion);

        Assert.Equal(0.15m, decimal.Parse(perToken, System.Globalization.CultureInfo.InvariantCulture) * 1_000_000m);
    }
}
