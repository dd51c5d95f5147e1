using Tollway.Gateway.Billing;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Pricing;
using Tollway.Gateway.Providers;

namespace Tollway.Gateway.Tests.Billing;

/// <summary>Which priced features reach an endpoint, and the quote they are billed at (or the parameter refused).</summary>
public sealed class FeatureQuotesTests
{
    private static readonly ModelPricing Base = new(1_000_000_000, 2_000_000_000);

    private static readonly PricedFeatures All = new(PriorityTier: true, CacheWrites1h: true, MaxWebSearches: 5, ServerSideTools: true);

    [Fact]
    public void Reaching_AnthropicClientOnAnAnthropicProvider_GetsItsServerToolsAndCacheLifetimesNoTier() =>
        Assert.Equal(new PricedFeatures(false, true, 5, true), FeatureQuotes.Reaching(All, WireFormat.Anthropic, WireFormat.Anthropic));

    [Fact]
    public void Reaching_TranslatedToAnthropic_CarriesOnlyCacheLifetimes() =>
        Assert.Equal(new PricedFeatures(false, true, 0, false), FeatureQuotes.Reaching(All, WireFormat.Anthropic, WireFormat.OpenAi));

    [Fact]
    public void Reaching_OpenAiFormat_CarriesTheTierAndCacheLifetimes() =>
        Assert.Equal(new PricedFeatures(true, true, 0, false), FeatureQuotes.Reaching(All, WireFormat.OpenAi, WireFormat.OpenAi));

    [Fact]
    public void Reaching_Gemini_CarriesNone() =>
        Assert.Equal(default, FeatureQuotes.Reaching(All, WireFormat.Gemini, WireFormat.OpenAi));

    [Theory]
    [InlineData(true, false, 0, "service_tier")]
    [InlineData(false, true, 0, "cache_control")]
    [InlineData(false, false, 3, "tools")]
    public void Price_FeatureWithoutAPrice_NamesItsParameter(bool priority, bool hour, int searches, string param)
    {
        var (quote, unpriced) = FeatureQuotes.Price(new PriceQuote(Base, 0, 1), Base, new PricedFeatures(priority, hour, searches));

        Assert.Null(quote);
        Assert.Equal((400, param, "feature_not_priced"), (unpriced!.Status, unpriced.Param, unpriced.Code));
    }

    [Fact]
    public void Price_PriorityTier_BillsAtItsRates()
    {
        var priority = new ModelPricing(2_000_000_000, 4_000_000_000);
        var listed = new PriceQuote(Base with { Priority = priority }, 50_000, 7);

        var (quote, _) = FeatureQuotes.Price(listed, listed.Pricing, new PricedFeatures(PriorityTier: true));

        Assert.Equal(new PriceQuote(priority, 50_000, 7), quote);
    }

    [Fact]
    public void Price_RuntimePrice_TakesTheFeaturePricesOfTheConfiguredOne()
    {
        var configured = Base with { CacheWrite1hPerMillion = 2_000_000_000, WebSearchPerThousand = 10_000_000_000 };
        var runtime = new PriceQuote(new ModelPricing(1_500_000_000, 3_000_000_000), 0, 9);

        var (quote, _) = FeatureQuotes.Price(runtime, configured, new PricedFeatures(CacheWrites1h: true, MaxWebSearches: 1));

        Assert.Equal(runtime.Pricing with { CacheWrite1hPerMillion = 2_000_000_000, WebSearchPerThousand = 10_000_000_000 }, quote!.Pricing);
    }

    [Fact]
    public void Price_NoFeatures_KeepsTheQuote()
    {
        var listed = new PriceQuote(Base, 0, 1);

        Assert.Same(listed, FeatureQuotes.Price(listed, Base, default).Quote);
    }
}
