using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>
/// The gate quotes every candidate endpoint with its worst case; one that cannot be represented (in a long of
/// nano-USD with the markup, or in the int token counts) refuses the whole request with a 400 naming the member to
/// lower, before anything is held — the x402 quote goes through the same <c>PriceCandidates</c>.
/// </summary>
public sealed class BillingGateTests
{
    /// <summary>$5,000,000 per million output tokens: absurd, but a typo can set it.</summary>
    private const long AbsurdOutput = 5_000_000_000_000_000;

    [Theory]
    [InlineData("""{"model":"m","messages":[],"n":3,"max_tokens":600000000}""", "n")]
    [InlineData("""{"model":"m","messages":[],"max_tokens":2000000000}""", "max_tokens")]
    [InlineData("""{"model":"m","messages":[],"max_completion_tokens":2000000000}""", "max_completion_tokens")]
    [InlineData("""{"model":"m","messages":[],"n":128,"max_tokens":2147483647}""", "max_tokens")]
    public async Task PriceCandidates_WorstCasePastALongWithMarkup_RefusesNamingTheMember(string json, string param)
    {
        // One choice of 600M tokens at $5M/M with 100 % markup is 6×10¹⁸ nano-USD and fits; three are 1.8×10¹⁹.
        await using var billing = await BillingHarness.CreateAsync(balance: long.MaxValue, markupPercent: "100", promptTokens: 10);

        var refusal = Refusal(billing, json, billing.Model(new ModelPricing(0, AbsurdOutput)));

        Assert.Equal(400, refusal.Status);
        Assert.Equal("invalid_request_error", refusal.Type);
        Assert.Equal(param, refusal.Param);
        Assert.Equal("worst_case_too_large", refusal.Code);
    }

    [Fact]
    public async Task PriceCandidates_PromptAlonePastALong_RefusesNamingMessages()
    {
        await using var billing = await BillingHarness.CreateAsync(balance: long.MaxValue, promptTokens: 2_000_000);

        var refusal = Refusal(billing, """{"model":"m","messages":[],"max_tokens":1}""", billing.Model(new ModelPricing(long.MaxValue, 0)));

        Assert.Equal("messages", refusal.Param);
    }

    [Fact]
    public async Task PriceCandidates_TokensPastAnInt_RefusesNamingN()
    {
        // Free, so the money fits; 2 × 2×10⁹ output tokens do not fit the int counts a charge and a key's limits keep.
        await using var billing = await BillingHarness.CreateAsync(balance: long.MaxValue);

        var refusal = Refusal(billing, """{"model":"m","messages":[],"n":2,"max_tokens":2000000000}""", billing.Model(ModelPricing.Free));

        Assert.Equal("n", refusal.Param);
    }

    [Fact]
    public async Task PriceCandidates_OnlyAFallbackPastALong_RefusesTheWholeRequest()
    {
        await using var billing = await BillingHarness.CreateAsync(balance: long.MaxValue, markupPercent: "100");
        var cheap = billing.Model(new ModelPricing(1, 1), id: "cheap");
        var absurd = billing.Model(new ModelPricing(0, AbsurdOutput), id: "absurd");

        var (candidates, refusal) = billing.Gate.PriceCandidates(
            BillingHarness.Plan(cheap, absurd), BillingHarness.Inspect("""{"model":"cheap","messages":[],"n":3,"max_tokens":600000000}"""),
            "{}"u8.ToArray(), GatewayOperation.ChatCompletions, "");

        Assert.Equal("n", refusal?.Param);
        Assert.DoesNotContain(candidates, c => c.WorstCase < 0);
    }

    [Fact]
    public async Task AdmitAsync_WorstCasePastALong_HoldsAndLeasesNothing()
    {
        await using var billing = await BillingHarness.CreateAsync(balance: 100_000, markupPercent: "100");

        var admission = await billing.AdmitAsync("""{"model":"m","messages":[],"n":128,"max_tokens":2147483647}""",
            billing.Model(new ModelPricing(0, 600_000_000_000)));

        Assert.Equal(400, admission.Refusal?.Status);
        Assert.Null(admission.Billing);
        Assert.Equal(0, billing.Book.HeldOnThisNode(BillingHarness.AccountId));
        Assert.Equal(0, await billing.Store.GetLeasedAsync(BillingHarness.AccountId, CancellationToken.None));
    }

    [Fact]
    public async Task AdmitAsync_EveryChoice_IsHeldAtTheDearestRatesWithTheMarkup()
    {
        await using var billing = await BillingHarness.CreateAsync(balance: 1_000_000, markupPercent: "10", promptTokens: 10);

        var admission = await billing.AdmitAsync("""{"model":"m","messages":[],"n":3,"max_tokens":7}""",
            billing.Model(new ModelPricing(1_000_000, 2_000_000, CacheWritePerMillion: 3_000_000, ReasoningPerMillion: 5_000_000)));

        // 10 × 3 + 3 × 7 × 5 = 135 nano-USD, and 10 % of it rounded up: 14.
        Assert.Equal(149, admission.Billing!.Hold.Amount);
        Assert.Equal(149, billing.Book.HeldOnThisNode(BillingHarness.AccountId));
        admission.Finish();
        Assert.Equal(0, billing.Book.HeldOnThisNode(BillingHarness.AccountId));
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[],"max_tokens":1000}""", 100, 100)]
    [InlineData("""{"model":"m","messages":[],"max_completion_tokens":1000,"n":3}""", 100, 100)]
    [InlineData("""{"model":"m","messages":[],"max_tokens":50}""", 100, 50)]
    [InlineData("""{"model":"m","messages":[]}""", 100, 100)]
    [InlineData("""{"model":"m","messages":[]}""", null, 4096)]
    [InlineData("""{"model":"m","messages":[],"max_tokens":5000}""", null, 5000)]
    [InlineData("""{"model":"m","messages":[],"max_tokens":300,"max_completion_tokens":200}""", null, 300)]
    public async Task PriceCandidates_OutputLimit_IsTheClientsWithinTheEndpointsElseTheEndpointsElseTheDefault(string json, int? endpointMaximum, int held)
    {
        await using var billing = await BillingHarness.CreateAsync(balance: long.MaxValue);
        var request = BillingHarness.Inspect(json);

        var (candidates, refusal) = billing.Gate.PriceCandidates(
            BillingHarness.Plan(billing.Model(new ModelPricing(1, 1), maxOutputTokens: endpointMaximum)), request,
            System.Text.Encoding.UTF8.GetBytes(json), GatewayOperation.ChatCompletions, "");

        Assert.Null(refusal);
        var candidate = Assert.Single(candidates);
        Assert.Equal(held, candidate.MaxOutputTokens);
        Assert.Equal(held * request.Choices, candidate.OutputAllowance);
    }

    private static Gateway.Errors.GatewayError Refusal(BillingHarness billing, string json, CatalogModel model)
    {
        var (_, refusal) = billing.Gate.PriceCandidates(
            BillingHarness.Plan(model), BillingHarness.Inspect(json), System.Text.Encoding.UTF8.GetBytes(json), GatewayOperation.ChatCompletions, "");
        return Assert.IsType<Gateway.Errors.GatewayError>(refusal);
    }
}
