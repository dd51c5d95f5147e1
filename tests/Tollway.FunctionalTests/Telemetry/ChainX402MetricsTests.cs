using System.Net;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.FunctionalTests.X402;

namespace Tollway.FunctionalTests.Telemetry;

/// <summary>x402 through the gateway on anvil, then a real scrape: every x402 counter equals what happened.</summary>
public sealed class ChainX402MetricsTests(X402WatcherFixture gateway) : IClassFixture<X402WatcherFixture>
{
    private const string Network = "eip155:31337";

    [Fact]
    public async Task Scrape_ChallengesAPaymentAndTwoRefusals_X402CountersEqualWhatHappened()
    {
        // A challenge, then a payment that settles and is served.
        var payer = await gateway.NewPayerAsync(5_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        using (var paid = await X402Requests.SendAsync(gateway, X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key)))
        {
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        }

        // A payer short of the quote: refused after the chain is asked, on the offer's network.
        var poor = await gateway.NewPayerAsync(999);
        var second = await X402Requests.ChallengeAsync(gateway);
        using (var refused = await X402Requests.SendAsync(gateway, X402Payer.V2(second, X402Payer.Authorize(poor, second.Accepts[0]), poor.Key)))
        {
            await X402Requests.AssertRefusedAsync(refused, Tollway.Chain.X402.X402Failure.InsufficientFunds);
        }

        // A header that is no payment at all: refused before any network is known.
        using (var garbage = await X402Requests.SendAsync(gateway, "not-a-payment"))
        {
            await X402Requests.AssertRefusedAsync(garbage, Tollway.Chain.X402.X402Failure.Malformed);
        }

        var scrape = await PrometheusScrape.ReadAsync(gateway);

        // Four 402 challenges: two asked for, two answering the refusals.
        Assert.True(4 == scrape.Value("tollway_x402_quotes_total", ("network", Network)), scrape.Text);
        Assert.Equal(1, scrape.Value("tollway_x402_payments_total", ("network", Network), ("outcome", "accepted")));
        Assert.Equal(1, scrape.Value("tollway_x402_payments_total", ("network", Network), ("outcome", "refused")));
        Assert.Equal(1, scrape.Value("tollway_x402_payments_total", ("network", "unknown"), ("outcome", "refused")));
        Assert.Equal(1, scrape.Value("tollway_x402_settlements_total", ("network", Network), ("outcome", "settled")));
        Assert.Equal(0, scrape.Value("tollway_x402_settlements_total", ("outcome", "failed")));
        Assert.Equal(1, scrape.Value("tollway_x402_failures_total", ("reason", "insufficient_funds")));
        Assert.Equal(1, scrape.Value("tollway_x402_failures_total", ("reason", "invalid_payload")));
        Assert.Equal(2, scrape.Value("tollway_x402_failures_total"));
    }
}
