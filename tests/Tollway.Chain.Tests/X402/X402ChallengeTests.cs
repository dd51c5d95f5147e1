using Tollway.Chain.X402;

namespace Tollway.Chain.Tests.X402;

public sealed class X402ChallengeTests
{
    private static readonly X402Offer Base = new("base", 8453, "USDC", "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913", 6, "USD Coin", "2", "0x1111111111111111111111111111111111111111");
    private static readonly X402Offer Local = new("local", 31337, "DAI", "0x5fbdb2315678afecb367f032d93f642f64180aa3", 18, "Dai", "1", "0x2222222222222222222222222222222222222222");

    [Fact]
    public void Build_TwoOffers_OneExactOfferEachInItsTokensUnitsRoundedUp()
    {
        var (v2, v1) = X402Challenge.Build([Base, Local], 1_000_001, new ResourceInfo("http://gw/v1/chat/completions", "d", "application/json"), 120, "why");

        Assert.Equal(2, v2.X402Version);
        Assert.Equal("why", v2.Error);
        Assert.Equal(
            [("exact", "eip155:8453", "1001", Base.Asset, Base.PayTo, 120, "USD Coin", "2"), ("exact", "eip155:31337", "1000001000000000", Local.Asset, Local.PayTo, 120, "Dai", "1")],
            v2.Accepts.Select(a => (a.Scheme, a.Network, a.Amount, a.Asset, a.PayTo, a.MaxTimeoutSeconds, a.Extra!.Name, a.Extra.Version)));
        Assert.Equal(1, v1.X402Version);
        Assert.Equal(["base", "eip155:31337"], v1.Accepts.Select(a => a.Network));
        Assert.Equal(["1001", "1000001000000000"], v1.Accepts.Select(a => a.MaxAmountRequired));
        Assert.All(v1.Accepts, a => Assert.Equal("http://gw/v1/chat/completions", a.Resource));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    [InlineData(11_999_999L)]
    public void Build_WorstCaseBelowTheMinimum_QuotesEachOffersMinimum(long worstCase)
    {
        // $0.012 (a settlement's gas on Base) in 6 and in 18 decimals: never less, whatever the prices say.
        var (v2, v1) = X402Challenge.Build([Base with { MinimumQuote = 12_000_000 }, Local with { MinimumQuote = 12_000_000 }], worstCase,
            new ResourceInfo("http://gw/v1/chat/completions", "d", "application/json"), 120, "why");

        Assert.Equal(["12000", "12000000000000000"], v2.Accepts.Select(a => a.Amount));
        Assert.Equal(["12000", "12000000000000000"], v1.Accepts.Select(a => a.MaxAmountRequired));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void Build_WorstCaseOfNothingOrLess_QuotesAtLeastOneUnitAndNeverThrows(long worstCase)
    {
        var (v2, _) = X402Challenge.Build([Base, Local], worstCase, new ResourceInfo("http://gw/v1/chat/completions", "d", "application/json"), 120, "why");

        // One nano-USD at least: a whole unit of a 6-decimal token, a billion units of an 18-decimal one.
        Assert.Equal(["1", "1000000000"], v2.Accepts.Select(a => a.Amount));
    }

    [Theory]
    [InlineData("eip155:8453", 8453L)]
    [InlineData("base", 8453L)]
    [InlineData("base-sepolia", 84532L)]
    [InlineData("eip155:0", null)]
    [InlineData("eip155:x", null)]
    [InlineData("solana", null)]
    [InlineData(null, null)]
    public void ChainIdOf_Network_ReadsCaip2AndVersionOneNames(string? network, long? expected)
    {
        Assert.Equal(expected, X402Networks.ChainIdOf(network));
    }
}
