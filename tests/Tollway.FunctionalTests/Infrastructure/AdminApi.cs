using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tollway.Gateway.Access.Keys;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>Calls to the admin API with the fixture's admin key.</summary>
public static class AdminApi
{
    public static Task<HttpResponseMessage> SendAsync(GatewayFixture gateway, HttpMethod method, string path, object? body = null, string? key = null)
    {
        var request = new HttpRequestMessage(method, new Uri(gateway.BaseUrl, path));
        if ((key ?? gateway.AdminKey) is { Length: > 0 } bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return gateway.Http.SendAsync(request);
    }

    /// <summary>The id of the key whose plaintext is given, found through the listing by its last four characters.</summary>
    public static async Task<string> FindKeyIdAsync(GatewayFixture gateway, string plaintextKey)
    {
        using var response = await SendAsync(gateway, HttpMethod.Get, "/admin/v1/keys");
        response.EnsureSuccessStatusCode();
        var keys = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var masked = ApiKeyFormat.Mask(ApiKeyFormat.LastFour(plaintextKey));
        return keys.EnumerateArray().Single(k => k.GetProperty("masked_key").GetString() == masked).GetProperty("id").GetString()!;
    }
}
