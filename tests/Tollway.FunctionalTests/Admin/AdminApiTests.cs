using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.Admin;

/// <summary>The operator's API: admin key only, keys shown once and masked after, revocation immediate.</summary>
public sealed class AdminApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task AdminApi_NoKey_Answers401Problem()
    {
        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Get, "/admin/v1/accounts", key: "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AdminApi_UserKey_Answers403Problem()
    {
        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Get, "/admin/v1/accounts", key: gateway.UserKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AdminApi_ManagementKey_Answers403Problem()
    {
        var accountId = await AccountApi.CreateAccountAsync(gateway, "managed-not-admin");
        var (key, _) = await AccountApi.CreateKeyAsAdminAsync(gateway, new { account_id = accountId, name = "manager", role = "management" });

        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Get, "/admin/v1/accounts", key: key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CreateAccountAndKey_ThenUseListAndRevoke_KeyWorksIsMaskedAndStops()
    {
        using var accountResponse = await AdminApi.SendAsync(gateway, HttpMethod.Post, "/admin/v1/accounts", new { name = "acme" });
        Assert.Equal(HttpStatusCode.Created, accountResponse.StatusCode);
        var accountId = (await accountResponse.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        using (var credit = await AdminApi.SendAsync(gateway, HttpMethod.Post, $"/admin/v1/accounts/{accountId}/credits",
            new { amount_usd = "1", reason = "first top-up", idempotency_key = "acme-1" }))
        {
            Assert.Equal(HttpStatusCode.Created, credit.StatusCode);
        }

        using var keyResponse = await AdminApi.SendAsync(gateway, HttpMethod.Post, "/admin/v1/keys", new { account_id = accountId, name = "ci" });
        Assert.Equal(HttpStatusCode.Created, keyResponse.StatusCode);
        var created = await keyResponse.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var key = created.GetProperty("key").GetString()!;
        var keyId = created.GetProperty("id").GetString()!;
        gateway.PlaintextKeys.Add(key);
        Assert.Matches("^tw-[0-9A-Za-z]{40}$", key);
        Assert.Equal("tw-…" + key[^4..], created.GetProperty("masked_key").GetString());

        using (var use = await gateway.PostAsync("/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[]}""", key))
        {
            Assert.Equal(HttpStatusCode.OK, use.StatusCode);
        }

        using var list = await AdminApi.SendAsync(gateway, HttpMethod.Get, $"/admin/v1/keys?account_id={accountId}");
        var listed = Assert.Single((await list.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("data").EnumerateArray());
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.DoesNotContain(key, listed.GetRawText(), StringComparison.Ordinal);

        using (var revoke = await AdminApi.SendAsync(gateway, HttpMethod.Delete, $"/admin/v1/keys/{keyId}"))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
            Assert.NotEqual(JsonValueKind.Null, (await revoke.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("revoked_at").ValueKind);
        }

        using var refused = await gateway.PostAsync("/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[]}""", key);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task CreateKey_WithoutARole_MakesAnInferenceKeyThatCannotManageKeys()
    {
        var accountId = await AccountApi.CreateAccountAsync(gateway, "default-role");

        var (key, _) = await AccountApi.CreateKeyAsAdminAsync(gateway, new { account_id = accountId, name = "default" });

        using var listed = await AdminApi.SendAsync(gateway, HttpMethod.Get, $"/admin/v1/keys?account_id={accountId}");
        var role = (await listed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("data")[0].GetProperty("role");
        Assert.Equal("inference", role.GetString());
        using var attempt = await AccountApi.SendAsync(gateway, HttpMethod.Post, "/account/v1/keys", key, new { name = "more" });
        Assert.Equal(HttpStatusCode.Forbidden, attempt.StatusCode);
        Assert.Equal(1, await AccountApi.CountKeysAsync(gateway, accountId));
    }

    [Fact]
    public async Task CreateKey_UnknownAccount_Answers404Problem()
    {
        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Post, "/admin/v1/keys", new { account_id = "acct_nope" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CreateKey_BadRole_Answers400Problem()
    {
        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Post, "/admin/v1/keys", new { account_id = "acct_x", role = "root" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RevokeKey_UnknownId_Answers404Problem()
    {
        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Delete, "/admin/v1/keys/key_nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CreateAdminKey_ItCanUseTheAdminApi()
    {
        using var accounts = await AdminApi.SendAsync(gateway, HttpMethod.Get, "/admin/v1/accounts");
        var operatorId = (await accounts.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("data")[0].GetProperty("id").GetString();
        using var created = await AdminApi.SendAsync(gateway, HttpMethod.Post, "/admin/v1/keys", new { account_id = operatorId, role = "admin" });
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("key").GetString()!;
        gateway.PlaintextKeys.Add(key);

        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Get, "/admin/v1/accounts", key: key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
