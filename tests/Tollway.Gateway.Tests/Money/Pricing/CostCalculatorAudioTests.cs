using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;

namespace Tollway.Gateway.Tests.Money.Pricing;

/// <summary>Audio input at its own rate: in the charge (apart from cached text) and in the worst case.</summary>
public sealed class CostCalculatorAudioTests
{
    // Gemini 2.5 Flash: $0.30/M text, $0.03/M cached, $2.50/M output, $1/M audio.
    private static readonly ModelPricing Flash = new(300_000_000, 2_500_000_000, 30_000_000) { InputAudioPerMillion = 1_000_000_000 };

    [Fact]
    public void Price_AudioTokens_AreBilledAtTheAudioRate() =>
        Assert.Equal(
            (5_000 * 300L) + (4_000 * 1_000L) + (1_000 * 30L) + (100 * 2_500L),
            CostCalculator.Price(Flash, new BilledTokens(10_000, 100, CachedTokens: 1_000, AudioTokens: 4_000), 0).ProviderCost);

    [Fact]
    public void Price_AudioAndCachedPastThePrompt_BillTheAudioFirst() =>
        Assert.Equal(
            (800 * 1_000L) + (200 * 30L),
            CostCalculator.Price(Flash, new BilledTokens(1_000, 0, CachedTokens: 500, AudioTokens: 800), 0).ProviderCost);

    [Fact]
    public void Price_AudioAboveThePrompt_IsCappedAtIt() =>
        Assert.Equal(
            CostCalculator.Price(Flash, new BilledTokens(1_000, 0, AudioTokens: 1_000), 0),
            CostCalculator.Price(Flash, new BilledTokens(1_000, 0, AudioTokens: 9_000), 0));

    [Fact]
    public void Price_AudioWithoutAnAudioRate_IsBilledAtTheInputRate() =>
        Assert.Equal(1_000 * 300L, CostCalculator.Price(Flash with { InputAudioPerMillion = null }, new BilledTokens(1_000, 0, AudioTokens: 1_000), 0).ProviderCost);

    [Fact]
    public void WorstCase_AudioTokens_AreHeldAtTheAudioRateAndTheRestAtTheText() =>
        Assert.Equal(
            (6_000 * 300L) + (4_000 * 1_000L) + (100 * 2_500L),
            CostCalculator.WorstCase(Flash, new WorstCaseTokens(10_000, 100, 1, Audio: 4_000), 0)!.Value.ProviderCost);

    [Fact]
    public void WorstCase_AudioRateBelowTheDearestPromptRate_HoldsAtTheDearest() =>
        Assert.Equal(
            1_000 * 5_000L,
            CostCalculator.WorstCase(Flash with { CacheWritePerMillion = 5_000_000_000 }, new WorstCaseTokens(1_000, 0, 1, Audio: 1_000), 0)!.Value.ProviderCost);
}
