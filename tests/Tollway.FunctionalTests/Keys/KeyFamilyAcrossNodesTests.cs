using System.Net;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Wire;

namespace Tollway.FunctionalTests.Keys;

/// <summary>
/// Two gateway processes sharing one PostgreSQL: the keys a capped management key made spend, together and whichever
/// node serves them, no more than its cap, because each node reads the family's recorded spend before it admits (the
/// spend is re-read at every request here, so the bound is exact). Needs the server of scripts/postgres.sh
/// (TWTEST_POSTGRES).
/// </summary>
public sealed class KeyFamilyAcrossNodesTests : IAsyncLifetime
{
    private SharedDatabaseNodes _nodes = null!;

    public async ValueTask InitializeAsync() => _nodes = await SharedDatabaseNodes.CreateAsync("tollway_family", TimeSpan.FromMilliseconds(5));

    public ValueTask DisposeAsync() => _nodes.DisposeAsync();

    [Fact]
    public async Task TwoNodes_TwentyKeysOfACappedManagementKey_TogetherSpendItsCapAndNoMore()
    {
        // Each request re-reads the family's recorded spend, so what the other node charged is always seen.
        var environment = new Dictionary<string, string> { ["TOLLWAY_Billing__KeySpendRefresh"] = "00:00:00.001" };
        await using var nodeA = await _nodes.StartNodeAsync(environment: environment);
        await using var nodeB = await _nodes.StartNodeAsync(environment: environment);
        var adminKey = nodeA.PrintedAdminKey!;
        var (_, accountId) = await nodeA.CreateFundedAccountAsync(adminKey, "1");
        var manager = await nodeA.SendAsync(adminKey, HttpMethod.Post, "/admin/v1/keys", new { account_id = accountId, role = "management" });
        await nodeA.SendAsync(adminKey, HttpMethod.Put, $"/admin/v1/keys/{manager.GetProperty("id").GetString()}/limits", new { spend_limit_usd = "0.02" });
        var children = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var made = await nodeA.SendAsync(manager.GetProperty("key").GetString()!, HttpMethod.Post, "/account/v1/keys",
                new { name = $"child {i}", limits = new { spend_limit_usd = "0.02" } });
            children.Add(made.GetProperty("key").GetString()!);
        }

        // The change feed brings node B the keys in the order they were made.
        await nodeB.WaitForKeyAsync(children[^1]);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            // Every key is served by both nodes in turn: $0.06 of asking against $0.02 of cap.
            var node = ((i % 20) + (i / 20)) % 2 == 0 ? nodeA : nodeB;
            statuses.Add((await node.ChatAsync(children[i % 20])).Status);
        }

        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.PaymentRequired, $"unexpected {s}"));
        Assert.Equal(20, _nodes.Upstream.RequestCount);
        var balance = (await nodeB.SendAsync(adminKey, HttpMethod.Get, $"/admin/v1/accounts/{accountId}/balance")).GetProperty("balance_usd").GetString()!;
        Assert.True(UsdAmount.TryParseNanos(balance, out var nanos));
        Assert.Equal(1_000_000_000 - 20_000_000, nanos);
    }
}
