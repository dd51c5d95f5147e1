using System.Numerics;
using CsCheck;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;

namespace Tollway.Gateway.Tests.Money.Pricing;

/// <summary>
/// The billing arithmetic over random prices (zero, ordinary and near <see cref="long.MaxValue"/>), markups of 0 to
/// 1,000 %, prompts, <c>n</c>, maximum outputs and usage splits: a worst case is exact or refused, never wrapped; a
/// cost is never negative; and no usage within a request's bounds costs more than its worst case.
/// </summary>
public sealed class CostCalculatorProperties
{
    private const int Cases = 5_000;

    /// <summary>Nano-USD per million tokens: free, ordinary (up to $1,000/M), anything, or at the very top.</summary>
    public static readonly Gen<long> Rate = Gen.Frequency(
        (2, (IGen<long>)Gen.Const(0L)),
        (5, Gen.Long[0, 1_000_000_000_000]),
        (2, Gen.Long[0, long.MaxValue]),
        (1, Gen.Long[long.MaxValue - 1_000_000, long.MaxValue]));

    /// <summary>Token counts: small, ordinary, or anything an int holds.</summary>
    public static readonly Gen<int> Tokens = Gen.Frequency(
        (1, (IGen<int>)Gen.Int[0, 10]),
        (5, Gen.Int[0, 1_000_000]),
        (2, Gen.Int[0, int.MaxValue]));

    /// <summary>Every price an endpoint has, each of the optional ones sometimes "not priced apart".</summary>
    public static readonly Gen<ModelPricing> Pricing = Gen.Select(
        Rate, Rate, Rate.Nullable(0.3), Rate.Nullable(0.3), Rate.Nullable(0.3), Gen.Frequency((3, (IGen<long>)Gen.Const(0L)), (1, Rate)),
        (input, output, cached, cacheWrite, reasoning, fee) => new ModelPricing(input, output, cached, cacheWrite, reasoning, fee));

    /// <summary>0 to 1,000 %, in parts per million.</summary>
    public static readonly Gen<long> Markup = Gen.Frequency((1, (IGen<long>)Gen.Const(0L)), (3, Gen.Long[0, 10_000_000]));

    [Fact]
    public void WorstCase_AnyPricesAndRequest_IsExactInALongOrRefusedAndNeverNegative() =>
        SeededSample.Run(Gen.Select(Pricing, Markup, Tokens, Tokens, Gen.Int[1, 128]), c =>
        {
            var (pricing, markup, prompt, maxOutput, choices) = c;
            var cost = CostCalculator.WorstCase(pricing, prompt, maxOutput, choices, markup);

            var promptRate = Math.Max(pricing.InputPerMillion, Math.Max(pricing.CachedInputPerMillion ?? 0, pricing.CacheWritePerMillion ?? 0));
            var outputRate = Math.Max(pricing.OutputPerMillion, pricing.ReasoningPerMillion ?? 0);
            var (provider, markupPart) = Reference((new BigInteger(prompt) * promptRate) + (new BigInteger(maxOutput) * choices * outputRate), pricing.RequestFee, markup);
            if (provider + markupPart > long.MaxValue)
            {
                Assert.Null(cost);
                return;
            }

            Assert.Equal(new Cost((long)provider, (long)markupPart), cost);
            Assert.InRange(cost!.Value.Total, 0, long.MaxValue);
        }, new PCG(1, 20260301), Cases);

    [Fact]
    public void Price_AnyUsage_IsExactOrSaturatedAndNeverNegative() =>
        SeededSample.Run(Gen.Select(Pricing, Markup, Usage(Tokens, Tokens)), c =>
        {
            var (pricing, markup, tokens) = c;
            var cost = CostCalculator.Price(pricing, tokens, markup);

            Assert.True(cost.ProviderCost >= 0 && cost.Markup >= 0);
            var (provider, markupPart) = Reference(Scaled(pricing, tokens), pricing.RequestFee, markup);
            Assert.Equal(BigInteger.Min(provider + markupPart, long.MaxValue), new BigInteger(cost.Total));
            if (provider + markupPart <= long.MaxValue)
            {
                Assert.Equal(new Cost((long)provider, (long)markupPart), cost);
            }
        }, new PCG(2, 20260301), Cases);

    [Fact]
    public void Price_UsageWithinTheRequestsBounds_NeverCostsMoreThanItsWorstCase() =>
        SeededSample.Run(Gen.Select(Pricing, Markup, Tokens, Tokens, Gen.Int[1, 128], Gen.Double[0, 1], Gen.Double[0, 1]), c =>
        {
            var (pricing, markup, prompt, maxOutput, choices, promptShare, outputShare) = c;
            if (CostCalculator.WorstCase(pricing, prompt, maxOutput, choices, markup) is not { } worst || (long)maxOutput * choices > int.MaxValue)
            {
                return;
            }

            // Any split of at most the prompt and at most every choice's output, cached, written and reasoning alike.
            var used = new BilledTokens((int)(prompt * promptShare), (int)((long)maxOutput * choices * outputShare),
                CachedTokens: (int)(prompt * promptShare / 3), CacheWriteTokens: (int)(prompt * promptShare / 3), ReasoningTokens: (int)((long)maxOutput * choices * outputShare / 2));

            Assert.InRange(CostCalculator.Price(pricing, used, markup).Total, 0, worst.Total);
        }, new PCG(3, 20260301), Cases);

    [Fact]
    public void Price_AudioWithinWhatWasHeldForIt_NeverCostsMoreThanItsWorstCase() =>
        SeededSample.Run(Gen.Select(Pricing, Rate.Nullable(0.2), Markup, Tokens, Tokens, Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 1]), c =>
        {
            var (listed, audioRate, markup, prompt, maxOutput, heldShare, promptShare, audioShare) = c;
            var pricing = listed with { InputAudioPerMillion = audioRate };
            var heldAudio = (int)(prompt * heldShare);
            if (CostCalculator.WorstCase(pricing, new WorstCaseTokens(prompt, maxOutput, 1, heldAudio), markup) is not { } worst)
            {
                return;
            }

            // At most the prompt held, of which at most the audio held is audio; the rest of the text partly cached.
            var usedPrompt = (int)(prompt * promptShare);
            var usedAudio = (int)(Math.Min(heldAudio, usedPrompt) * audioShare);
            var used = new BilledTokens(usedPrompt, maxOutput, CachedTokens: (usedPrompt - usedAudio) / 2, AudioTokens: usedAudio);

            Assert.InRange(CostCalculator.Price(pricing, used, markup).Total, 0, worst.Total);
        }, new PCG(4, 20260301), Cases);

    /// <summary>Usage as providers report it, prompt and completion each with a random part cached, written or reasoning.</summary>
    public static Gen<BilledTokens> Usage(Gen<int> prompt, Gen<int> completion) =>
        Gen.Select(prompt, completion, Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 1], (p, o, cached, written, reasoning) =>
            new BilledTokens(p, o, (int)(p * cached), (int)(p * (1 - cached) * written), (int)(o * reasoning)));

    /// <summary>The provider cost and markup, exactly, in integers of any size: each rounded up once.</summary>
    private static (BigInteger Provider, BigInteger Markup) Reference(BigInteger scaled, long fee, long markupPartsPerMillion)
    {
        var provider = Ceiling(scaled, 1_000_000) + fee;
        return (provider, Ceiling(provider * markupPartsPerMillion, 1_000_000));
    }

    private static BigInteger Scaled(ModelPricing pricing, BilledTokens tokens)
    {
        var plainPrompt = tokens.PromptTokens - tokens.CachedTokens - tokens.CacheWriteTokens;
        var plainOutput = tokens.CompletionTokens - tokens.ReasoningTokens;
        return (new BigInteger(plainPrompt) * pricing.InputPerMillion)
            + (new BigInteger(tokens.CachedTokens) * (pricing.CachedInputPerMillion ?? pricing.InputPerMillion))
            + (new BigInteger(tokens.CacheWriteTokens) * (pricing.CacheWritePerMillion ?? pricing.InputPerMillion))
            + (new BigInteger(plainOutput) * pricing.OutputPerMillion)
            + (new BigInteger(tokens.ReasoningTokens) * (pricing.ReasoningPerMillion ?? pricing.OutputPerMillion));
    }

    private static BigInteger Ceiling(BigInteger value, long divisor) => (value + divisor - 1) / divisor;
}
