using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.Accounts;

/// <summary>
/// What each API key may do under <c>/account/v1</c>: an inference key reads, a management key manages within its own
/// restrictions, and nobody there touches an admin key. Keys are made through the admin API, as an operator would.
/// </summary>
public sealed class AccountKeyScopeTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static readonly DateTimeOffset Expiry = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateKey_WithAKeyRestrictedToOneModel_Answers403AndCreatesNoKey()
    {
        var accountId = await AccountApi.CreateAccountAsync(gateway, "one-model");
        var (key, _) = await AccountApi.CreateKeyAsAdminAsync(gateway, new { account_id = accountId, name = "app", allowed_models = new[] { "gpt-4o-mini" } });

        using var response = await AccountApi.SendAsync(gateway, HttpMethod.Post, "/account/v1/keys", key, new { name = "wider" });

        await AssertForbiddenAsync(response);
        Assert.Equal(1, await AccountApi.CountKeysAsync(gateway, accountId));
    }

    [Fact]
    public async Task RevokeKey_WithAnInferenceKey_Answers403AndTheKeyStaysLive()
    {
        var accountId = await AccountApi.CreateAccountAsync(gateway, "two-keys");
        var (key, _) = await AccountApi.CreateKeyAsAdminAsync(gateway, new { account_id = accountId, name = "a" });
        var (other, otherId) = await AccountApi.CreateKeyAsAdminAsync(gateway, new { account_id = accountId, name = "b" });

        using var response = await AccountApi.SendAsync(gateway, HttpMethod.Delete, "/account/v1/keys/" + otherId, key);

        await AssertForbiddenAsync(response);
        using var stillLive = await AccountApi.SendAsync(gateway, HttpMethod.Get, "/account/v1/balance", other);
        Assert.Equal(HttpStatusCode.OK, stillLive.StatusCode);
    }

    [Theory]
    [InlineData("/account/v1/balance", HttpStatusCode.OK)]
    [InlineData("/account/v1/usage", HttpStatusCode.OK)]
    [InlineData("/account/v1/deposits", HttpStatusCode.OK)]
    [InlineData("/account/v1/deposit-instructions", HttpStatusCode.OK)]
    [InlineData("/account/v1/keys", HttpStatusCode.Forbidden)]
    public async Task Read_WithAnInferenceKey_ReadsTheAccountButNotItsKeys(string path, HttpStatusCode expected)
    {
        var accountId = await AccountApi.CreateAccountAsync(gateway, "reader");
        var (key, _) = await AccountApi.CreateKeyAsAdminAsync(gateway, new { account_id = accountId, name = "app" });

        using var response = await AccountApi.SendAsync(gateway, HttpMethod.Get, path, key);

        Assert.Equal(expected, response.StatusCode);
    }

    public static TheoryData<string, string> Widenings() => new()
    {
        { "a model it may not use", "allowed_models" },
        { "every model", "allowed_models" },
        { "an empty model list", "allowed_models" },
        { "a higher total cap", "limits.spend_limit_usd" },
        { "no daily cap", "limits.daily_spend_limit_usd" },
        { "a higher monthly cap", "limits.monthly_spend_limit_usd" },
        { "more requests per minute", "limits.requests_per_minute" },
        { "no token rate", "limits.tokens_per_minute" },
        { "more requests at once", "limits.max_concurrent_requests" },
        { "a later expiry", "limits.expires_at" },
        { "no expiry", "limits.expires_at" },
        { "the admin role", "role" },
    };

    [Theory]
    [MemberData(nameof(Widenings))]
    public async Task CreateKey_ManagementKeyAskingForMoreThanItHas_Answers403NamingTheFieldAndCreatesNoKey(string widening, string field)
    {
        var (accountId, manager) = await ManagedAccountAsync();
        var body = NarrowestBody();
        var limits = body["limits"]!.AsObject();
        switch (widening)
        {
            case "a model it may not use": body["allowed_models"] = new JsonArray("gpt-4o-mini", "house-model"); break;
            case "every model": body.Remove("allowed_models"); break;
            case "an empty model list": body["allowed_models"] = new JsonArray(); break;
            case "a higher total cap": limits["spend_limit_usd"] = "5.000000001"; break;
            case "no daily cap": limits.Remove("daily_spend_limit_usd"); break;
            case "a higher monthly cap": limits["monthly_spend_limit_usd"] = "3"; break;
            case "more requests per minute": limits["requests_per_minute"] = 11; break;
            case "no token rate": limits.Remove("tokens_per_minute"); break;
            case "more requests at once": limits["max_concurrent_requests"] = 3; break;
            case "a later expiry": limits["expires_at"] = Expiry.AddSeconds(1).ToString("O", CultureInfo.InvariantCulture); break;
            case "no expiry": limits.Remove("expires_at"); break;
            default: body["role"] = "admin"; break;
        }

        using var response = await AccountApi.SendAsync(gateway, HttpMethod.Post, "/account/v1/keys", manager, body);

        var problem = await AssertForbiddenAsync(response);
        Assert.Equal(field, problem.GetProperty("param").GetString());
        Assert.Equal(1, await AccountApi.CountKeysAsync(gateway, accountId));
    }

    [Fact]
    public async Task CreateKey_ManagementKeyWithinItsRestrictions_MakesAnInferenceKeyNoWiderThanItself()
    {
        var (_, manager) = await ManagedAccountAsync();
        var body = NarrowestBody();
        body["limits"]!["spend_limit_usd"] = "4";

        using var response = await AccountApi.SendAsync(gateway, HttpMethod.Post, "/account/v1/keys", manager, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        gateway.PlaintextKeys.Add(created.GetProperty("key").GetString()!);
        Assert.Equal("inference", created.GetProperty("role").GetString());
        Assert.Equal(["gpt-4o-mini"], created.GetProperty("allowed_models").EnumerateArray().Select(m => m.GetString()));
        var limits = created.GetProperty("limits");
        Assert.Equal("4", limits.GetProperty("spend_limit_usd").GetString());
        Assert.Equal(10, limits.GetProperty("requests_per_minute").GetInt32());
        Assert.Equal(Expiry, limits.GetProperty("expires_at").GetDateTimeOffset());
        using var denied = await AccountApi.SendAsync(gateway, HttpMethod.Post, "/account/v1/keys", created.GetProperty("key").GetString()!, NarrowestBody());
        await AssertForbiddenAsync(denied);
    }

    [Fact]
    public async Task CreateKey_ManagementKeyAskingForManagement_MakesAManagementKeyThatManages()
    {
        var (accountId, manager) = await ManagedAccountAsync();
        var body = NarrowestBody();
        body["role"] = "management";

        using var response = await AccountApi.SendAsync(gateway, HttpMethod.Post, "/account/v1/keys", manager, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var key = created.GetProperty("key").GetString()!;
        gateway.PlaintextKeys.Add(key);
        Assert.Equal("management", created.GetProperty("role").GetString());
        using var listed = await AccountApi.SendAsync(gateway, HttpMethod.Get, "/account/v1/keys", key);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(2, await AccountApi.CountKeysAsync(gateway, accountId));
    }

    [Fact]
    public async Task RevokeKey_AnAdminKeyOfTheAccount_Answers404AndTheAdminKeyStillWorks()
    {
        var (accountId, manager) = await ManagedAccountAsync();
        var (admin, adminId) = await AccountApi.CreateKeyAsAdminAsync(gateway, new { account_id = accountId, name = "ops", role = "admin" });

        using var response = await AccountApi.SendAsync(gateway, HttpMethod.Delete, "/account/v1/keys/" + adminId, manager);
        using var listed = await AccountApi.SendAsync(gateway, HttpMethod.Get, "/account/v1/keys", manager);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(adminId, await listed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var stillAdmin = await AdminApi.SendAsync(gateway, HttpMethod.Get, "/admin/v1/accounts", key: admin);
        Assert.Equal(HttpStatusCode.OK, stillAdmin.StatusCode);
    }

    /// <summary>An account with one management key restricted in every way a key can be; returns the account and the key.</summary>
    private async Task<(string AccountId, string Key)> ManagedAccountAsync()
    {
        var accountId = await AccountApi.CreateAccountAsync(gateway, "managed");
        var (key, id) = await AccountApi.CreateKeyAsAdminAsync(gateway, new { account_id = accountId, name = "manager", role = "management", allowed_models = new[] { "gpt-4o-mini" } });
        using var limits = await AdminApi.SendAsync(gateway, HttpMethod.Put, $"/admin/v1/keys/{id}/limits", NarrowestBody()["limits"]);
        Assert.Equal(HttpStatusCode.OK, limits.StatusCode);
        return (accountId, key);
    }

    /// <summary>A key request exactly as restricted as the management key of <see cref="ManagedAccountAsync"/>.</summary>
    private static JsonObject NarrowestBody() => new()
    {
        ["name"] = "child",
        ["allowed_models"] = new JsonArray("gpt-4o-mini"),
        ["limits"] = new JsonObject
        {
            ["spend_limit_usd"] = "5",
            ["daily_spend_limit_usd"] = "1",
            ["monthly_spend_limit_usd"] = "2",
            ["requests_per_minute"] = 10,
            ["tokens_per_minute"] = 1000,
            ["max_concurrent_requests"] = 2,
            ["expires_at"] = Expiry.ToString("O", CultureInfo.InvariantCulture),
        },
    };

    private static async Task<JsonElement> AssertForbiddenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Forbidden", problem.GetProperty("title").GetString());
        return problem;
    }
}
