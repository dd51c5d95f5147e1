using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>What a provider's report is billed as: audio at the audio rate, cached audio never at the cached text rate,
/// and what the report does not itemize at the dearest the request allowed.</summary>
public sealed class BilledUsageTests
{
    [Fact]
    public void Tokens_AudioItemized_IsBilledAsAudioWithItsCachedPartOutOfTheCachedText()
    {
        var reported = new TokenUsage(5_000, 40, 1_200, 0) { AudioTokens = 3_000, CachedAudioTokens = 1_000 };

        Assert.Equal(new BilledTokens(5_000, 40, CachedTokens: 200, AudioTokens: 3_000), BilledUsage.Tokens(reported, new PricedFeatures(Audio: true)));
    }

    [Fact]
    public void Tokens_CachedAudioNotItemized_TakesTheAudioToBeCachedFirst() =>
        Assert.Equal(
            new BilledTokens(1_000, 10, CachedTokens: 100, AudioTokens: 400),
            BilledUsage.Tokens(new TokenUsage(1_000, 10, 500, 0) { AudioTokens = 400 }, default));

    [Fact]
    public void Tokens_AudioNotItemizedForARequestCarryingAudio_BillsThePromptAsAudio() =>
        Assert.Equal(
            new BilledTokens(2_000, 10, CachedTokens: 0, AudioTokens: 2_000),
            BilledUsage.Tokens(new TokenUsage(2_000, 10, 300, 0), new PricedFeatures(Audio: true)));

    [Fact]
    public void Tokens_NoAudioAsked_NorReported_BillsNone() =>
        Assert.Equal(new BilledTokens(2_000, 10, CachedTokens: 300), BilledUsage.Tokens(new TokenUsage(2_000, 10, 300, 0), default));

    [Fact]
    public void Tokens_SearchesNotItemized_AreEveryOneAllowed() =>
        Assert.Equal(3, BilledUsage.Tokens(new TokenUsage(10, 1, 0, 0), new PricedFeatures(MaxWebSearches: 3)).WebSearches);
}
