using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Money.Billing;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>No overspend under concurrency: a balance that covers twenty requests serves at most twenty of five hundred.</summary>
public sealed class ConcurrencyTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task FiveHundredAtOnce_BalanceForTwenty_ServesAtMostTwentyAndBalancesTheBooks()
    {
        // flat-model: worst case = max_tokens × 1,000 nano-USD = $0.001; each answer really uses all 1,000 tokens, so a
        // request costs exactly its hold and $0.02 pays for twenty, whatever order they settle in.
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("twenty", "0.02");
        gateway.Upstream.SetDefault(UpstreamFault.WithUsage(new UpstreamUsage(0, 1000)) with { Latency = TimeSpan.FromMilliseconds(50) });
        gateway.Upstream.RecordRequests = false;
        try
        {
            const string body = """{"model":"flat-model","messages":[{"role":"user","content":"go"}],"max_tokens":1000}""";
            using var start = new ManualResetEventSlim();
            var requests = Enumerable.Range(0, 500).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                using var response = await gateway.PostAsync("/v1/chat/completions", body, key);
                return response.StatusCode;
            })).ToList();
            start.Set();
            var statuses = await Task.WhenAll(requests);

            var served = statuses.Count(s => s == HttpStatusCode.OK);
            Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.PaymentRequired, $"unexpected {s}"));
            Assert.InRange(served, 1, 20);
            Assert.Equal(served, gateway.Upstream.RequestCount);
            var balance = await Infrastructure.Billing.BalanceAsync(gateway, accountId);
            Assert.True(balance >= 0);
            Assert.Equal(20_000_000 - (served * 1_000_000L), balance);
            Assert.True((await Infrastructure.Billing.ReconcileAsync(gateway)).IsBalanced);
            var book = gateway.Services.GetRequiredService<BalanceBook>();
            Assert.All(book.Purses, purse => Assert.Equal(0, purse.Held));
        }
        finally
        {
            gateway.Upstream.SetDefault(null);
            gateway.Upstream.RecordRequests = true;
        }
    }
}
