using System.Net.Http.Json;
using System.Text.Json;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>Calls to the account API (<c>/account/v1</c>) with whatever credential the caller holds.</summary>
public static class AccountApi
{
    public static Task<HttpResponseMessage> SendAsync(GatewayFixture gateway, HttpMethod method, string path, string bearer, object? body = null) =>
        AdminApi.SendAsync(gateway, method, path, body, bearer);

    /// <summary>Makes a key through the admin API (as the operator would) and returns its plaintext and id.</summary>
    public static async Task<(string Key, string Id)> CreateKeyAsAdminAsync(GatewayFixture gateway, object body)
    {
        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Post, "/admin/v1/keys", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString()!;
        gateway.PlaintextKeys.Add(key);
        return (key, created.GetProperty("id").GetString()!);
    }

    /// <summary>How many keys the account has, as the admin API lists them.</summary>
    public static async Task<int> CountKeysAsync(GatewayFixture gateway, string accountId)
    {
        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Get, $"/admin/v1/keys?account_id={accountId}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetArrayLength();
    }

    /// <summary>A new account made through the admin API; returns its id.</summary>
    public static async Task<string> CreateAccountAsync(GatewayFixture gateway, string name)
    {
        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Post, "/admin/v1/accounts", new { name });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
