using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Wire;
using Tollway.Testing.Upstreams;
using Books = Tollway.FunctionalTests.Infrastructure.Billing;

namespace Tollway.FunctionalTests.Keys;

/// <summary>
/// The keys a management key makes through the account API never exceed it together: their spend counts against its
/// caps, and revoking or expiring it ends them. End to end, with real requests to the fake provider; the clock stands
/// still, so the recorded spend is read once and every cent counted is counted once.
/// </summary>
public sealed class KeyFamilyTests(ClockedGatewayFixture gateway) : IClassFixture<ClockedGatewayFixture>
{
    /// <summary>$0.25 on <c>flat-model</c> (free prompts, $1 per million output tokens): held and, with the fake's usage
    /// below, charged exactly that.</summary>
    private const string QuarterDollarChat = """{"model":"flat-model","messages":[{"role":"user","content":"hi"}],"max_tokens":250000}""";

    private const long QuarterDollar = 250_000_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chat_TwentyKeysOfAFiveDollarManagementKey_TogetherSpendFiveDollarsAndNoMore()
    {
        gateway.Upstream.Reset();
        gateway.Upstream.SetDefault(UpstreamFault.WithUsage(new UpstreamUsage(0, 250_000)));
        var (accountId, manager, _) = await ManagementKeyAsync("100", new { spend_limit_usd = "5" });
        var children = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            // Each asks for, and gets, the whole $5 of its maker: one by one, nothing it asks for exceeds it.
            children.Add((await MakeKeyAsync(manager, new { name = $"child {i}", limits = new { spend_limit_usd = "5" } })).Key);
        }

        var before = await Books.BalanceAsync(gateway, accountId);
        // Three requests per key, all at once: $15 of asking against $5 of cap.
        var answers = await Task.WhenAll(children.SelectMany(key => Enumerable.Repeat(key, 3)).Select(async key =>
        {
            using var response = await gateway.PostAsync("/v1/chat/completions", QuarterDollarChat, key);
            return (response.StatusCode, Code: response.IsSuccessStatusCode ? null : (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
        }));

        Assert.Equal(20, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a =>
            Assert.Equal((HttpStatusCode.PaymentRequired, "key_spend_limit_exceeded"), (a.StatusCode, a.Code)));
        Assert.Equal(20, gateway.Upstream.RequestCount);
        Assert.Equal(before - (20 * QuarterDollar), await Books.BalanceAsync(gateway, accountId));
        // The maker sees its family's spend as its own.
        var shown = await Books.GetJsonAsync(gateway, "/api/v1/key", manager);
        Assert.Equal(5m, shown.GetProperty("data").GetProperty("usage").GetDecimal());
        Assert.Equal(0m, shown.GetProperty("data").GetProperty("limit_remaining").GetDecimal());
    }

    [Fact]
    public async Task Chat_AKeyMadeByAKeyMadeByTheManagementKey_CountsAgainstItToo()
    {
        gateway.Upstream.Reset();
        gateway.Upstream.SetDefault(UpstreamFault.WithUsage(new UpstreamUsage(0, 250_000)));
        var (_, manager, _) = await ManagementKeyAsync("10", new { spend_limit_usd = "0.5" });
        var (middle, _) = await MakeKeyAsync(manager, new { name = "middle", role = "management", limits = new { spend_limit_usd = "0.5" } });
        var (grandchild, _) = await MakeKeyAsync(middle, new { name = "grandchild", limits = new { spend_limit_usd = "0.5" } });
        var (sibling, _) = await MakeKeyAsync(manager, new { name = "sibling", limits = new { spend_limit_usd = "0.5" } });

        Assert.Equal(HttpStatusCode.OK, await ChatStatusAsync(grandchild));
        Assert.Equal(HttpStatusCode.OK, await ChatStatusAsync(sibling));

        Assert.Equal(HttpStatusCode.PaymentRequired, await ChatStatusAsync(grandchild));
        Assert.Equal(HttpStatusCode.PaymentRequired, await ChatStatusAsync(middle));
        Assert.Equal(HttpStatusCode.PaymentRequired, await ChatStatusAsync(manager));
    }

    [Fact]
    public async Task Revoke_TheManagementKey_EndsEveryKeyItMadeAtOnce()
    {
        var (_, manager, managerId) = await ManagementKeyAsync("10", new { spend_limit_usd = "5" });
        var (child, childId) = await MakeKeyAsync(manager, new { name = "child", role = "management", limits = new { spend_limit_usd = "1" } });
        var (grandchild, _) = await MakeKeyAsync(child, new { name = "grandchild", limits = new { spend_limit_usd = "1" } });
        Assert.Equal(HttpStatusCode.OK, await ModelsStatusAsync(grandchild));

        using (var revoke = await AdminApi.SendAsync(gateway, HttpMethod.Delete, "/admin/v1/keys/" + managerId))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await ModelsStatusAsync(child));
        Assert.Equal(HttpStatusCode.Unauthorized, await ModelsStatusAsync(grandchild));
        using var listed = await AdminApi.SendAsync(gateway, HttpMethod.Get, "/admin/v1/keys");
        var listedChild = (await listed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("data").EnumerateArray().Single(k => k.GetProperty("id").GetString() == childId);
        Assert.Equal(JsonValueKind.String, listedChild.GetProperty("revoked_at").ValueKind);
        Assert.Equal(managerId, listedChild.GetProperty("maker_key_id").GetString());
    }

    [Fact]
    public async Task Expire_TheManagementKeyBeforeTheKeysItMade_EndsThemWithIt()
    {
        var later = gateway.Time.GetUtcNow().AddDays(1);
        var (_, manager, managerId) = await ManagementKeyAsync("10", new { expires_at = later });
        var (child, _) = await MakeKeyAsync(manager, new { name = "child", limits = new { expires_at = later } });
        Assert.Equal(HttpStatusCode.OK, await ModelsStatusAsync(child));

        // The operator shortens the maker's life; the key it made keeps its own day, but not beyond its maker.
        using (var shorten = await AdminApi.SendAsync(gateway, HttpMethod.Put, $"/admin/v1/keys/{managerId}/limits",
            new { expires_at = gateway.Time.GetUtcNow().AddMinutes(5) }))
        {
            Assert.Equal(HttpStatusCode.OK, shorten.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await ModelsStatusAsync(child));
        gateway.Time.Advance(TimeSpan.FromMinutes(6));

        using var refused = await gateway.PostAsync("/v1/chat/completions", QuarterDollarChat, child);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("key_expired", (await GatewayFixture.ReadErrorAsync(refused)).GetProperty("code").GetString());
    }

    /// <summary>A funded account with a management key made through the admin API, with the given limits.</summary>
    private async Task<(string AccountId, string Key, string KeyId)> ManagementKeyAsync(string usd, object limits)
    {
        var accountId = await AccountApi.CreateAccountAsync(gateway, "family");
        Assert.True(UsdAmount.TryParseNanos(usd, out var nanos));
        using (var credit = await AdminApi.SendAsync(gateway, HttpMethod.Post, $"/admin/v1/accounts/{accountId}/credits",
            new { amount_usd = usd, reason = "test", idempotency_key = accountId }))
        {
            Assert.Equal(HttpStatusCode.Created, credit.StatusCode);
        }

        var (key, id) = await AccountApi.CreateKeyAsAdminAsync(gateway, new { account_id = accountId, name = "manager", role = "management" });
        using var set = await AdminApi.SendAsync(gateway, HttpMethod.Put, $"/admin/v1/keys/{id}/limits", limits);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        return (accountId, key, id);
    }

    /// <summary>A key made through the account API by <paramref name="maker"/>.</summary>
    private async Task<(string Key, string Id)> MakeKeyAsync(string maker, object body)
    {
        using var response = await AccountApi.SendAsync(gateway, HttpMethod.Post, "/account/v1/keys", maker, body);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToString());
        var key = created.GetProperty("key").GetString()!;
        gateway.PlaintextKeys.Add(key);
        return (key, created.GetProperty("id").GetString()!);
    }

    private async Task<HttpStatusCode> ChatStatusAsync(string key)
    {
        using var response = await gateway.PostAsync("/v1/chat/completions", QuarterDollarChat, key);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> ModelsStatusAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.BaseUrl, "/v1/models"));
        request.Headers.Authorization = new("Bearer", key);
        using var response = await gateway.Http.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
