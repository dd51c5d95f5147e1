using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Tests.Money.Pricing;
using Tollway.Gateway.Upstream.Translation;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>
/// cost(stream) == cost(non-stream): the same usage, reported by an OpenAI-format, Anthropic or Gemini provider in a
/// whole answer and in a stream, read by the gateway's own readers, decoders and stream relay for an OpenAI or an
/// Anthropic client, settles to the same charge — for random prices, markups, and usage splits of any size.
/// </summary>
public sealed class StreamCostParityProperties
{
    private const int Cases = 150;

    private static readonly (WireFormat Client, WireFormat Upstream)[] Paths =
    [
        (WireFormat.OpenAi, WireFormat.OpenAi),
        (WireFormat.OpenAi, WireFormat.Anthropic),
        (WireFormat.OpenAi, WireFormat.Gemini),
        (WireFormat.Anthropic, WireFormat.Anthropic),
        (WireFormat.Anthropic, WireFormat.OpenAi),
        (WireFormat.Anthropic, WireFormat.Gemini),
    ];

    private static readonly Gen<ProviderUsageWire> Usage = Gen.Select(
        CostCalculatorProperties.Tokens, CostCalculatorProperties.Tokens, Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 1],
        (prompt, completion, cached, written, reasoning) =>
        {
            var read = (int)(prompt * cached);
            return new ProviderUsageWire(prompt, read, (int)((prompt - read) * written), completion, (int)(completion * reasoning));
        });

    [Fact]
    public async Task Settle_SameUsageStreamedOrNot_SameChargeThroughEveryFormat()
    {
        var compared = 0;
        await SeededSample.RunAsync(
            Gen.Select(CostCalculatorProperties.Pricing, CostCalculatorProperties.Markup, Usage),
            async c =>
            {
                var (pricing, markup, usage) = c;
                await using var billing = await BillingHarness.CreateAsync(long.MaxValue, Gateway.Money.Pricing.Percent.Format(markup));
                var model = billing.Model(pricing);
                foreach (var (client, upstream) in Paths)
                {
                    // A usage the hold does not cover is capped, alike both ways; one whose worst case is refused is skipped.
                    if (await AdmitAsync(billing, model) is not { } whole || await AdmitAsync(billing, model) is not { } streamed)
                    {
                        return;
                    }

                    var fromAnswer = await SettleAnswerAsync(whole, client, upstream, usage.Answer(upstream));
                    var fromStream = await SettleStreamAsync(streamed, client, upstream, usage.Stream(upstream));

                    Assert.NotNull(fromAnswer);
                    Assert.NotNull(fromStream);
                    Assert.False(fromAnswer.Estimated || fromStream.Estimated);
                    Assert.Equal(Billed(fromAnswer), Billed(fromStream));
                    compared++;
                }
            },
            new PCG(5, 20260301),
            Cases);

        // Not vacuous: most cases are held and compared on every path.
        Assert.InRange(compared, Cases * Paths.Length / 2, Cases * Paths.Length);
    }

    private static async Task<RequestBilling?> AdmitAsync(BillingHarness billing, Gateway.Catalog.Models.CatalogModel model) =>
        (await billing.AdmitAsync("""{"model":"m","messages":[],"max_tokens":100000000}""", model)).Billing;

    /// <summary>As <c>ResponseRelay</c> reads a whole answer: as it came for a client of the same dialect, else decoded.</summary>
    private static Task<ChargeRecord?> SettleAnswerAsync(RequestBilling billing, WireFormat client, WireFormat upstream, byte[] answer)
    {
        var passThrough = ResponseTranslations.IsPassThrough(client, upstream);
        var read = passThrough ? answer : ResponseTranslations.Decode(upstream, answer, 1, "m");
        return billing.SettleAsync(ResponseTranslations.ReadUsage(passThrough ? upstream : WireFormat.OpenAi, read.Span), null, streamed: false);
    }

    /// <summary>As <c>ResponseRelay</c> relays a stream: through <see cref="StreamRelay"/>, translated for the pair.</summary>
    private static async Task<ChargeRecord?> SettleStreamAsync(RequestBilling billing, WireFormat client, WireFormat upstream, byte[] stream)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        var translation = ResponseTranslations.ForStream(client, upstream, TimeProvider.System);

        var result = await StreamRelay.RelayAsync(
            new MemoryStream(stream), context.Response, new StreamRelaySettings(ForwardUsageChunk: true, CancellationToken.None, CancellationToken.None, billing, translation));

        Assert.Null(result.Failure);
        return billing.Charge;
    }

    private static (long, long, int, int, int, int, int) Billed(ChargeRecord charge) =>
        (charge.ProviderCost, charge.Markup, charge.PromptTokens, charge.CompletionTokens, charge.CachedTokens, charge.CacheWriteTokens, charge.ReasoningTokens);
}
