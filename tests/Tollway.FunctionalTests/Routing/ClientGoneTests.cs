using Microsoft.Extensions.DependencyInjection;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Money.Billing;
using Tollway.Testing;
using Tollway.Testing.Upstreams;
using Books = Tollway.FunctionalTests.Infrastructure.Billing;

namespace Tollway.FunctionalTests.Routing;

/// <summary>
/// A client that leaves while the provider it was sent to still thinks gets no new attempt: not a retry, not a failover.
/// The request it left runs on within its timeouts and is billed by the rules that hold with the client there — a
/// non-streamed request that times out at its worst case at that endpoint, a refusal not at all.
/// </summary>
public sealed class ClientGoneTests(RoutingFixture gateway) : IClassFixture<RoutingFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_ClientLeavesAndTheProviderTimesOut_IsBilledItsWorstCaseThereWithoutFailover()
    {
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("left, then timed out", "1");
        gateway.ResetUpstreams();
        gateway.Upstream.Enqueue(UpstreamFault.Hanging());

        await LeaveOnceSentAsync("leaving-timeout", key);

        // Most likely generated all the same: billed as if it ran to its max_tokens (50), at the primary's $1/M.
        var charge = await Books.WaitForAccountChargeAsync(gateway, accountId);
        Assert.Equal("leaving-primary", charge.Provider);
        Assert.True(charge.Estimated);
        Assert.Equal(50, charge.CompletionTokens);
        Assert.Equal((charge.PromptTokens + 50) * 1_000L, charge.Total);
        Assert.Equal(0, gateway.Backup.RequestCount);
        Assert.Equal(1, gateway.Upstream.RequestCount);
        await AssertHoldResolvedAsync(accountId);
    }

    [Fact]
    public async Task Post_ClientLeavesAndTheProviderFails_NoFailoverAndNothingBilled()
    {
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("left, then refused", "1");
        gateway.ResetUpstreams();
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(503) with { Latency = TimeSpan.FromSeconds(1) });

        await LeaveOnceSentAsync("leaving-error", key);

        var row = await RequestLogRows.WaitForAccountAsync(gateway, accountId);
        Assert.Equal(499L, row["status"]);
        Assert.Equal(0, gateway.Backup.RequestCount);
        Assert.Equal(1, gateway.Upstream.RequestCount);
        Assert.Null(await Books.ChargeIdOfAsync(gateway, accountId));
        Assert.Equal(1_000_000_000, await Books.BalanceAsync(gateway, accountId));
        await AssertHoldResolvedAsync(accountId);
    }

    /// <summary>Sends a non-streamed request and leaves as soon as the provider has it.</summary>
    private async Task LeaveOnceSentAsync(string model, string key)
    {
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var call = gateway.PostUntilLeftAsync("/v1/chat/completions", $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}],"max_tokens":50}""",
            key, stream: false, leaving.Token);
        await Eventually.TrueAsync(() => gateway.Upstream.RequestCount == 1, "the provider has the request", Ct);
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    private Task AssertHoldResolvedAsync(string accountId)
    {
        var book = gateway.Services.GetRequiredService<BalanceBook>();
        return Eventually.TrueAsync(() => book.HeldOnThisNode(accountId) == 0, "the hold resolved", Ct);
    }
}
