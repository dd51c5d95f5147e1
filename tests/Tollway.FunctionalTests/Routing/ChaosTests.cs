using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Wire;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Routing;

/// <summary>
/// Every fault the fake provider can produce, on the first endpoint, under each strategy: what the client gets, which
/// endpoints were tried in which order, and what the ledger says — holds all resolved, and only an answer billed, or
/// a non-streamed request the provider had and did not answer in time (most likely generated all the same).
/// </summary>
public sealed class ChaosTests(RoutingFixture gateway) : IClassFixture<RoutingFixture>
{
    public static TheoryData<string, int> Scenarios()
    {
        var data = new TheoryData<string, int>();
        foreach (var strategy in new[] { "ordered", "cheapest" })
        {
            for (var i = 0; i < Faults.Length; i++)
            {
                data.Add(strategy, i);
            }
        }

        return data;
    }

    private static readonly (string Name, UpstreamFault Fault, bool Stream, string Expect)[] Faults =
    [
        ("503", UpstreamFault.WithStatus(503), false, "failover"),
        ("500", UpstreamFault.WithStatus(500), false, "failover"),
        ("429 with Retry-After", UpstreamFault.WithStatus(429, TimeSpan.FromSeconds(30)), false, "failover"),
        ("connection reset", UpstreamFault.ConnectionReset(), false, "failover"),
        ("hang past the first-byte timeout", UpstreamFault.Hanging(), false, "timeout-billed"),
        ("stream hangs past the first-byte timeout", UpstreamFault.Hanging(), true, "failover"),
        ("400 (the caller's fault)", UpstreamFault.WithStatus(400), false, "relay-error"),
        ("slow first byte within the timeout", UpstreamFault.WithLatency(TimeSpan.FromMilliseconds(100)), false, "served"),
        ("slow trickle stream", UpstreamFault.WithChunkInterval(TimeSpan.FromMilliseconds(20)), true, "served"),
        ("stream cut after two chunks", UpstreamFault.CutStreamAfter(2), true, "broken-stream"),
        ("usage far above the request's maximum", UpstreamFault.WithUsage(new UpstreamUsage(5, 100_000)), false, "capped"),
        ("malformed JSON with a 200", UpstreamFault.Malformed(), false, "served-unmetered"),
    ];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Fault_OnTheFirstEndpoint_ClientResultAttemptsAndLedgerAreRight(string strategy, int scenario)
    {
        var (name, fault, stream, expect) = Faults[scenario];
        var model = $"chaos-{strategy}-{scenario}";
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("chaos " + name, "1");
        gateway.ResetUpstreams();
        gateway.Upstream.Enqueue(fault);
        var body = $$"""{"model":"{{model}}",{{(stream ? "\"stream\":true," : "")}}"messages":[{"role":"user","content":"hi"}],"max_tokens":50}""";

        using var response = await gateway.PostAsync("/v1/chat/completions", body, key);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var requestId = Infrastructure.Billing.RequestId(response);
        var charge = await Infrastructure.Billing.ChargeAsync(gateway, requestId);
        var balance = await Infrastructure.Billing.BalanceAsync(gateway, accountId);

        switch (expect)
        {
            case "failover":
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("backup", response.Headers.GetValues("x-tollway-provider").Single());
                Assert.Equal("2", response.Headers.GetValues("x-tollway-attempts").Single());
                Assert.Equal(1, gateway.Backup.RequestCount);
                Assert.Equal("backup", charge!.Provider);
                break;
            case "timeout-billed":
                // The provider has the request and most likely generates it all the same: no second paid generation
                // elsewhere, and this one billed as if it ran to its max_tokens (50), at the primary's $1/M.
                Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
                Assert.Equal(0, gateway.Backup.RequestCount);
                Assert.Equal("chaos-primary", charge!.Provider);
                Assert.True(charge.Estimated);
                Assert.Equal(50, charge.CompletionTokens);
                Assert.Equal((charge.PromptTokens + 50) * 1_000L, charge.Total);
                Assert.Equal(UsdAmount.FormatUsd(charge.Total), response.Headers.GetValues("x-tollway-cost").Single());
                break;
            case "relay-error":
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Equal(0, gateway.Backup.RequestCount);
                Assert.Null(charge);
                break;
            case "broken-stream":
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
                Assert.Contains("stream_interrupted", text, StringComparison.Ordinal);
                Assert.Equal(0, gateway.Backup.RequestCount);
                Assert.True(charge!.Estimated);
                break;
            case "capped":
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                // The usage claims 100,000 output tokens ($0.10 at $1/M); the charge stops at the hold, which is the worst
                // case of the dearest candidate (50 output tokens and the prompt at $2/M) — a fraction of a cent.
                Assert.InRange(charge!.Total, 1, 1_000_000);
                break;
            default:
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("chaos-primary", response.Headers.GetValues("x-tollway-provider").Single());
                Assert.Equal(0, gateway.Backup.RequestCount);
                Assert.NotNull(charge);
                Assert.Equal(expect == "served-unmetered", charge.Estimated);
                break;
        }

        // The ledger: exactly the charge (if any) left the balance, and no hold is left behind.
        Assert.Equal(1_000_000_000 - (charge?.Total ?? 0), balance);
        var purse = gateway.Services.GetRequiredService<BalanceBook>().Purses.Single(p => p.AccountId == accountId);
        Assert.Equal(0, purse.Held);
        if (expect == "failover")
        {
            var row = await RequestLogRows.WaitForAsync(gateway, requestId);
            Assert.StartsWith($"chaos-primary/{model}:", (string)row["attempts"]!, StringComparison.Ordinal);
            Assert.EndsWith($"backup/{model}:200", (string)row["attempts"]!, StringComparison.Ordinal);
        }
    }
}
