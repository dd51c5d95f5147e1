using System.Net;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Wire;

namespace Tollway.FunctionalTests.Billing;

/// <summary>
/// Two gateway processes sharing one PostgreSQL: five hundred requests spread over both against a balance for twenty
/// serve at most twenty, and the books balance. Needs the server of scripts/postgres.sh (TWTEST_POSTGRES).
/// </summary>
public sealed class MultiNodeTests : IAsyncLifetime
{
    private SharedDatabaseNodes _nodes = null!;

    public async ValueTask InitializeAsync() => _nodes = await SharedDatabaseNodes.CreateAsync("tollway_nodes", TimeSpan.FromMilliseconds(50));

    public ValueTask DisposeAsync() => _nodes.DisposeAsync();

    [Fact]
    public async Task TwoNodes_FiveHundredRequestsBalanceForTwenty_ServeAtMostTwentyAndBalanceTheBooks()
    {
        await using var nodeA = await _nodes.StartNodeAsync(leaseTtl: "00:00:30");
        await using var nodeB = await _nodes.StartNodeAsync(leaseTtl: "00:00:30");
        var adminKey = nodeA.PrintedAdminKey!;
        Assert.Null(nodeB.PrintedAdminKey);
        var (key, accountId) = await nodeA.CreateFundedAccountAsync(adminKey, "0.02");
        // Node B learns of the key created on node A from the change feed, within a second.
        await nodeB.WaitForKeyAsync(key);

        using var start = new ManualResetEventSlim();
        var requests = Enumerable.Range(0, 500).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return (await (i % 2 == 0 ? nodeA : nodeB).ChatAsync(key)).Status;
        })).ToList();
        start.Set();
        var statuses = await Task.WhenAll(requests);

        var served = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.PaymentRequired, $"unexpected {s}"));
        Assert.InRange(served, 1, 20);
        Assert.Equal(served, _nodes.Upstream.RequestCount);
        var balance = (await nodeB.SendAsync(adminKey, HttpMethod.Get, $"/admin/v1/accounts/{accountId}/balance")).GetProperty("balance_usd").GetString()!;
        Assert.True(UsdAmount.TryParseNanos(balance, out var nanos));
        Assert.Equal(20_000_000 - (served * 1_000_000L), nanos);
        var books = await nodeA.SendAsync(adminKey, HttpMethod.Get, "/admin/v1/reconciliation");
        Assert.True(books.GetProperty("balanced").GetBoolean(), books.GetRawText());
        await nodeA.Process.StopAsync();
        await nodeB.Process.StopAsync();
    }
}
