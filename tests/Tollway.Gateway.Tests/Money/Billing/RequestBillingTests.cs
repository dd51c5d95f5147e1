using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>
/// What a request is charged when the provider's usage never came: a stream the gateway abandoned (its client left, or
/// the total timeout passed) may have spent reasoning tokens it never showed, billed up to the output the request
/// allowed unless the endpoint is known not to reason; a non-streamed request that timed out is billed as a generation
/// that ran to its maximum output.
/// </summary>
public sealed class RequestBillingTests
{
    /// <summary>$1 per million prompt tokens and $2 per million output tokens: 1,000 and 2,000 nano-USD a token.</summary>
    private static readonly ModelPricing Pricing = new(1_000_000_000, 2_000_000_000);

    private const string TwoChoicesOf100 = """{"model":"m","messages":[],"n":2,"max_tokens":100}""";

    [Fact]
    public async Task SettleAsync_StreamAbandonedWithoutUsage_BillsTheReasoningItMayHaveHiddenUpToItsMaximumOutput()
    {
        await using var billing = await BillingHarness.CreateAsync(balance: 1_000_000_000, promptTokens: 10);
        var request = await AdmitAsync(billing, billing.Model(Pricing));

        var charge = await request.SettleAsync(null, Generated("three words here"), streamed: true, abandoned: true);

        // 3 tokens seen, and 2 × 100 allowed: 197 may have been hidden reasoning, priced as output (no reasoning rate).
        Assert.NotNull(charge);
        Assert.True(charge.Estimated);
        Assert.Equal(200, charge.CompletionTokens);
        Assert.Equal(197, charge.ReasoningTokens);
        Assert.Equal((10 * 1_000) + (200 * 2_000), charge.Total);
    }

    [Fact]
    public async Task SettleAsync_StreamAbandonedWithoutUsageOnAnEndpointThatDoesNotReason_BillsTheCountedTextOnly()
    {
        await using var billing = await BillingHarness.CreateAsync(balance: 1_000_000_000, promptTokens: 10);
        var request = await AdmitAsync(billing, billing.Model(Pricing, supportsReasoning: false));

        var charge = await request.SettleAsync(null, Generated("three words here"), streamed: true, abandoned: true);

        Assert.Equal(3, charge!.CompletionTokens);
        Assert.Equal(0, charge.ReasoningTokens);
        Assert.Equal((10 * 1_000) + (3 * 2_000), charge.Total);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SettleAsync_ProviderEndedWithoutUsage_BillsTheCountedTextOnly(bool streamed)
    {
        // The provider itself stopped (a stream that broke off, an answer without usage): nothing went on unseen.
        await using var billing = await BillingHarness.CreateAsync(balance: 1_000_000_000, promptTokens: 10);
        var request = await AdmitAsync(billing, billing.Model(Pricing));

        var charge = await request.SettleAsync(null, Generated("three words here"), streamed);

        Assert.Equal(3, charge!.CompletionTokens);
        Assert.Equal(0, charge.ReasoningTokens);
    }

    [Fact]
    public async Task SettleAtWorstCaseAsync_BillsTheEndpointsWorstCaseAsEstimated()
    {
        await using var billing = await BillingHarness.CreateAsync(balance: 1_000_000_000, markupPercent: "10", promptTokens: 10);
        var request = await AdmitAsync(billing, billing.Model(Pricing));

        var charge = await request.SettleAtWorstCaseAsync();

        Assert.True(charge!.Estimated);
        Assert.False(charge.Streamed);
        Assert.Equal(10, charge.PromptTokens);
        Assert.Equal(200, charge.CompletionTokens);
        Assert.Equal(request.Hold.Amount, charge.Total);
        Assert.Equal(((10 * 1_000) + (200 * 2_000)) * 11 / 10, charge.Total);
        Assert.Equal(charge, await request.SettleAsync(null, null, streamed: false));
    }

    [Fact]
    public async Task SettleAtWorstCaseAsync_AtACheaperFallback_BillsThatEndpointsWorstCaseNotTheHold()
    {
        await using var billing = await BillingHarness.CreateAsync(balance: 1_000_000_000, promptTokens: 10);
        var dear = billing.Model(new ModelPricing(2_000_000_000, 4_000_000_000), id: "dear");
        var request = await AdmitAsync(billing, dear, billing.Model(Pricing, id: "cheap"));
        request.UseEndpoint(request.Candidates[1]);

        var charge = await request.SettleAtWorstCaseAsync();

        Assert.Equal((10 * 1_000) + (200 * 2_000), charge!.Total);
        Assert.True(charge.Total < request.Hold.Amount);
    }

    private static async Task<RequestBilling> AdmitAsync(BillingHarness billing, params CatalogModel[] models)
    {
        var admission = await billing.AdmitAsync(TwoChoicesOf100, models);
        return admission.Billing ?? throw new InvalidOperationException(admission.Refusal?.Message);
    }

    private static DeltaTextCollector Generated(string text)
    {
        var generated = new DeltaTextCollector();
        generated.Add(System.Text.Encoding.UTF8.GetBytes($$$"""{"choices":[{"index":0,"delta":{"content":"{{{text}}}"}}]}"""));
        return generated;
    }
}
