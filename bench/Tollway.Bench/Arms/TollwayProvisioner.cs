using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tollway.Bench.Arms;

/// <summary>
/// Makes the benchmark's customer through the gateway's own admin API, as an operator would: an account, a credit
/// large enough for every request of the run, and a user key for it.
/// </summary>
internal static class TollwayProvisioner
{
    public static async Task<string> CreateFundedKeyAsync(Uri baseUrl, string adminKey)
    {
        using var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        var account = await PostAsync(client, "admin/v1/accounts", new JsonObject { ["name"] = "benchmark" });
        var accountId = account.GetProperty("id").GetString()!;
        await PostAsync(client, $"admin/v1/accounts/{accountId}/credits", new JsonObject
        {
            ["amount_usd"] = "1000000",
            ["reason"] = "benchmark",
            ["idempotency_key"] = "benchmark-credit",
        });
        var key = await PostAsync(client, "admin/v1/keys", new JsonObject { ["account_id"] = accountId, ["name"] = "benchmark" });
        return key.GetProperty("key").GetString()!;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), MediaTypeHeaderValue.Parse("application/json"));
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
