using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;

namespace Tollway.Gateway.Tests.Money.Pricing;

/// <summary>Exact costs, and no cost that wraps: a worst case too large for a long is refused, a usage report that large saturates.</summary>
public sealed class CostCalculatorTests
{
    /// <summary>$600 per million output tokens, in nano-USD per million.</summary>
    private static readonly ModelPricing Dear = new(InputPerMillion: 150_000_000_000, OutputPerMillion: 600_000_000_000);

    private const long FullMarkup = 1_000_000;

    [Fact]
    public void WorstCase_TheExploitsNAndMaxTokensWithMarkup_IsRefusedNotWrapped()
    {
        // 2×10⁹ choices × 4,096 tokens × $600/M is $4.9×10⁹, a long's worth of nano-USD; the 100 % markup doubles it past 2⁶³.
        Assert.Null(CostCalculator.WorstCase(Dear, 0, 4096, 2_000_000_000, FullMarkup));
    }

    [Fact]
    public void WorstCase_TheSameWithoutMarkup_FitsAndIsExact()
    {
        var cost = CostCalculator.WorstCase(Dear, 0, 4096, 2_000_000_000, 0);

        Assert.Equal(new Cost(4096L * 2_000_000_000 * 600_000, 0), cost);
    }

    [Fact]
    public void WorstCase_ProviderCostFitsButTheMarkupDoesNot_IsRefused()
    {
        var pricing = new ModelPricing(0, 0, RequestFee: long.MaxValue / 2);

        Assert.Equal(long.MaxValue / 2, CostCalculator.WorstCase(pricing, 0, 0, 1, 999_999)!.Value.ProviderCost);
        Assert.Null(CostCalculator.WorstCase(pricing, 0, 0, 1, 1_000_001));
    }

    [Fact]
    public void WorstCase_ExactlyLongMaxValue_IsKept()
    {
        var cost = CostCalculator.WorstCase(new ModelPricing(0, 0, RequestFee: long.MaxValue), 0, 0, 1, 0);

        Assert.Equal(long.MaxValue, cost!.Value.Total);
    }

    [Fact]
    public void WorstCase_EveryChoice_IsCountedAtTheDearestRates()
    {
        var pricing = new ModelPricing(InputPerMillion: 1_000_000, OutputPerMillion: 2_000_000, CacheWritePerMillion: 3_000_000, ReasoningPerMillion: 5_000_000);

        // 10 prompt tokens at the cache-write rate (3) + 3 choices × 7 tokens at the reasoning rate (5), markup 10 %.
        var cost = CostCalculator.WorstCase(pricing, 10, 7, 3, 100_000);

        Assert.Equal(new Cost(30 + 105, 14), cost);
    }

    [Fact]
    public void Price_UsageWorthMoreThanALong_SaturatesInsteadOfWrapping()
    {
        var absurd = new ModelPricing(long.MaxValue, long.MaxValue);

        var cost = CostCalculator.Price(absurd, new BilledTokens(int.MaxValue, int.MaxValue), FullMarkup);

        Assert.Equal(long.MaxValue, cost.Total);
        Assert.True(cost.ProviderCost >= 0 && cost.Markup >= 0);
    }

    [Fact]
    public void Price_MarkupPastALong_IsCutToWhatIsLeft()
    {
        var pricing = new ModelPricing(0, 0, RequestFee: long.MaxValue - 10);

        var cost = CostCalculator.Price(pricing, new BilledTokens(0, 0), FullMarkup);

        Assert.Equal(new Cost(long.MaxValue - 10, 10), cost);
    }

    [Fact]
    public void Total_PastALong_ThrowsRatherThanWraps() =>
        Assert.Throws<OverflowException>(() => new Cost(long.MaxValue, 1).Total);
}
