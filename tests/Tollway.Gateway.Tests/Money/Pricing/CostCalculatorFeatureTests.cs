using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Money.Pricing;

/// <summary>Features priced apart from tokens: 1-hour cache writes and web searches, in the charge and the worst case.</summary>
public sealed class CostCalculatorFeatureTests
{
    // $3/M input, $3.75/M 5-minute writes, $6/M 1-hour writes, $15/M output, $10 per 1,000 searches.
    private static readonly ModelPricing Claude = new(3_000_000_000, 15_000_000_000, 300_000_000, 3_750_000_000)
    {
        CacheWrite1hPerMillion = 6_000_000_000,
        WebSearchPerThousand = 10_000_000_000,
    };

    [Fact]
    public void Price_HourWrites_AreBilledAtTheirRateAndTheRestAtTheFiveMinuteRate()
    {
        var cost = CostCalculator.Price(Claude, new BilledTokens(1_250, 0, CachedTokens: 200, CacheWriteTokens: 1_000, CacheWrite1hTokens: 600), 0);

        // 50 × $3/M + 200 × $0.30/M + 400 × $3.75/M + 600 × $6/M.
        Assert.Equal((50 * 3_000L) + (200 * 300L) + (400 * 3_750L) + (600 * 6_000L), cost.ProviderCost);
    }

    [Fact]
    public void Price_HourWritesAboveTheWrites_AreCappedAtThem() =>
        Assert.Equal(
            CostCalculator.Price(Claude, new BilledTokens(1_000, 0, CacheWriteTokens: 1_000, CacheWrite1hTokens: 1_000), 0),
            CostCalculator.Price(Claude, new BilledTokens(1_000, 0, CacheWriteTokens: 1_000, CacheWrite1hTokens: 5_000), 0));

    [Fact]
    public void Price_WebSearches_AreBilledPerSearchWithTheMarkup()
    {
        var cost = CostCalculator.Price(Claude, new BilledTokens(0, 0, WebSearches: 3), 100_000);

        Assert.Equal(30_000_000, cost.ProviderCost);
        Assert.Equal(3_000_000, cost.Markup);
    }

    [Fact]
    public void WorstCase_HourWritesAsked_HoldsThePromptAtTheirRate()
    {
        var plain = CostCalculator.WorstCase(Claude, 1_000, 0, 1, 0);
        var hour = CostCalculator.WorstCase(Claude, new WorstCaseTokens(1_000, 0, 1), 0, new PricedFeatures(CacheWrites1h: true));

        Assert.Equal(1_000 * 3_750L, plain!.Value.ProviderCost);
        Assert.Equal(1_000 * 6_000L, hour!.Value.ProviderCost);
    }

    [Fact]
    public void WorstCase_WebSearches_HoldEveryAllowedSearch() =>
        Assert.Equal(
            (1_000 * 3_750L) + (100 * 15_000L) + (5 * 10_000_000L),
            CostCalculator.WorstCase(Claude, new WorstCaseTokens(1_000, 100, 1), 0, new PricedFeatures(MaxWebSearches: 5))!.Value.ProviderCost);

    [Fact]
    public void WorstCase_NeverBelowThePriceOfTheSameUsage()
    {
        var features = new PricedFeatures(CacheWrites1h: true, MaxWebSearches: 4);
        var worst = CostCalculator.WorstCase(Claude, new WorstCaseTokens(10_000, 500, 1), 250_000, features);

        var used = CostCalculator.Price(Claude, new BilledTokens(10_000, 500, CacheWriteTokens: 10_000, CacheWrite1hTokens: 10_000, WebSearches: 4), 250_000);

        Assert.True(worst!.Value.Total >= used.Total);
    }
}
