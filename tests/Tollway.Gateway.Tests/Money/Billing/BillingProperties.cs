using System.Globalization;
using CsCheck;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Tests.Money.Pricing;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>
/// The hold and the charge through the real gate, book and settlement, for random prices, markups of 0 to 1,000 %,
/// prompts, <c>n</c>, maximum outputs and provider reports (many far above what was held): a request is held for
/// exactly its worst case, never a negative amount, or refused with a 400 when that cannot be represented; and
/// whatever it is settled on, the charge is between zero and the hold, and exact when the hold covers it.
/// </summary>
public sealed class BillingProperties
{
    private const int Cases = 300;

    private static readonly Gen<int> MaxTokens = Gen.Frequency(
        (4, (IGen<int>)Gen.Int[1, 100_000]),
        (1, Gen.Int[1, int.MaxValue]));

    /// <summary>0: the provider's usage; 1: a stream abandoned without usage; 2: an answer that timed out.</summary>
    private static readonly Gen<int> Settlement = Gen.Int[0, 2];

    [Fact]
    public async Task Settle_AnyPricesRequestAndReport_ChargeIsBetweenZeroAndTheHold()
    {
        int refused = 0, capped = 0, exact = 0;
        await SeededSample.RunAsync(
            Gen.Select(CostCalculatorProperties.Pricing, CostCalculatorProperties.Markup, CostCalculatorProperties.Tokens, Gen.Int[1, 128], MaxTokens,
                CostCalculatorProperties.Usage(CostCalculatorProperties.Tokens, CostCalculatorProperties.Tokens), Settlement, Gen.Int[0, 50]),
            async c =>
            {
                var (pricing, markup, prompt, choices, maxTokens, usage, settlement, words) = c;
                await using var billing = await BillingHarness.CreateAsync(long.MaxValue, Percent.Format(markup), prompt);
                var json = string.Create(CultureInfo.InvariantCulture, $$$"""{"model":"m","messages":[],"n":{{{choices}}},"max_tokens":{{{maxTokens}}}}""");

                var admission = await billing.AdmitAsync(json, billing.Model(pricing));

                var worst = (long)prompt + ((long)maxTokens * choices) > int.MaxValue ? null
                    : CostCalculator.WorstCase(pricing, prompt, maxTokens, choices, markup);
                if (worst is null)
                {
                    Assert.Equal("worst_case_too_large", admission.Refusal?.Code);
                    Assert.Equal(0, billing.Book.HeldOnThisNode(BillingHarness.AccountId));
                    refused++;
                    return;
                }

                var request = admission.Billing!;
                Assert.Equal(worst.Value.Total, request.Hold.Amount);
                Assert.True(request.Hold.Amount >= 0);
                var charge = settlement switch
                {
                    0 => await request.SettleAsync(new TokenUsage(usage.PromptTokens, usage.CompletionTokens, usage.CachedTokens, usage.ReasoningTokens, usage.CacheWriteTokens), null, streamed: true),
                    1 => await request.SettleAsync(null, Words(words), streamed: true, abandoned: true),
                    _ => await request.SettleAtWorstCaseAsync(),
                };

                Assert.NotNull(charge);
                Assert.InRange(charge.Total, 0, request.Hold.Amount);
                Assert.True(charge.ProviderCost >= 0 && charge.Markup >= 0);
                if (settlement == 0 && CostCalculator.Price(pricing, usage, markup) is var priced)
                {
                    if (priced.Total <= request.Hold.Amount)
                    {
                        Assert.Equal((priced.ProviderCost, priced.Markup), (charge.ProviderCost, charge.Markup));
                        exact++;
                    }
                    else
                    {
                        Assert.Equal(request.Hold.Amount, charge.Total);
                        capped++;
                    }
                }

                admission.Finish();
                Assert.Equal(0, billing.Book.HeldOnThisNode(BillingHarness.AccountId));
                Assert.Equal(charge, Assert.Single(billing.Store.Charges).Charge);
            },
            new PCG(4, 20260301),
            Cases);

        // Not vacuous: the seed reaches refusals, reports the hold covers and reports far above it.
        Assert.All([refused, capped, exact], count => Assert.InRange(count, 10, Cases));
    }

    private static DeltaTextCollector Words(int count)
    {
        var generated = new DeltaTextCollector();
        generated.Add(System.Text.Encoding.UTF8.GetBytes(
            $$$"""{"choices":[{"delta":{"content":"{{{string.Join(' ', Enumerable.Repeat("word", count))}}}"}}]}"""));
        return generated;
    }
}
