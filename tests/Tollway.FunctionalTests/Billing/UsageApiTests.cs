using System.Net;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>OpenRouter-shaped reads of a key's money; a key sees only its own account.</summary>
public sealed class UsageApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Chat = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_tokens":100}""";

    [Fact]
    public async Task Generation_OwnRequest_ShowsCostAndTokens()
    {
        var (key, _, _) = await gateway.CreateFundedKeyAsync("reader", "1");
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(100, 50, ReasoningTokens: 20)));
        using var response = await gateway.PostAsync("/v1/chat/completions", ChatBodies.LargePrompt(), key);
        var id = Infrastructure.Billing.RequestId(response);

        var data = (await Infrastructure.Billing.GetJsonAsync(gateway, $"/api/v1/generation?id={id}", key)).GetProperty("data");

        Assert.Equal(id, data.GetProperty("id").GetString());
        Assert.Equal("gpt-4o-mini", data.GetProperty("model").GetString());
        Assert.Equal(100, data.GetProperty("tokens_prompt").GetInt32());
        Assert.Equal(20, data.GetProperty("native_tokens_reasoning").GetInt32());
        // 100 × 0.15 + 50 × 0.60 = 45 µ$ per… = $0.000045.
        Assert.Equal("0.000045", data.GetProperty("total_cost").GetRawText());
    }

    [Fact]
    public async Task Generation_AnotherAccountsRequest_Answers404LikeAMissingOne()
    {
        var (owner, _, _) = await gateway.CreateFundedKeyAsync("owner", "1");
        var (stranger, _, _) = await gateway.CreateFundedKeyAsync("stranger", "1");
        using var response = await gateway.PostAsync("/v1/chat/completions", Chat, owner);
        var id = Infrastructure.Billing.RequestId(response);

        using var theirs = await GetAsync($"/api/v1/generation?id={id}", stranger);
        using var missing = await GetAsync("/api/v1/generation?id=gen-doesnotexist", stranger);

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(
            (await GatewayFixture.ReadErrorAsync(missing)).GetProperty("code").GetString(),
            (await GatewayFixture.ReadErrorAsync(theirs)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Credits_ShowWhatWasPaidInAndSpent()
    {
        var (key, _, _) = await gateway.CreateFundedKeyAsync("credits", "2.5");
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(1000, 0)));
        using (await gateway.PostAsync("/v1/chat/completions", ChatBodies.LargePrompt(), key))
        {
        }

        var data = (await Infrastructure.Billing.GetJsonAsync(gateway, "/api/v1/credits", key)).GetProperty("data");

        Assert.Equal("2.5", data.GetProperty("total_credits").GetRawText());
        Assert.Equal("0.00015", data.GetProperty("total_usage").GetRawText());
    }

    [Fact]
    public async Task Key_ShowsLimitUsageAndRemaining()
    {
        var (key, _, keyId) = await gateway.CreateFundedKeyAsync("key info", "1");
        using (var limits = await AdminApi.SendAsync(gateway, HttpMethod.Put, $"/admin/v1/keys/{keyId}/limits", new { spend_limit_usd = "0.5", requests_per_minute = 60 }))
        {
            Assert.Equal(HttpStatusCode.OK, limits.StatusCode);
        }

        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(1000, 0)));
        using (await gateway.PostAsync("/v1/chat/completions", ChatBodies.LargePrompt(), key))
        {
        }

        var data = (await Infrastructure.Billing.GetJsonAsync(gateway, "/api/v1/key", key)).GetProperty("data");

        Assert.Equal("0.5", data.GetProperty("limit").GetRawText());
        Assert.Equal("0.00015", data.GetProperty("usage").GetRawText());
        Assert.Equal("0.49985", data.GetProperty("limit_remaining").GetRawText());
        Assert.Equal(60, data.GetProperty("rate_limit").GetProperty("requests").GetInt32());
    }

    [Fact]
    public async Task Activity_GroupsByDayAndModel_AndPages()
    {
        var (key, _, _) = await gateway.CreateFundedKeyAsync("activity", "1");
        foreach (var model in new[] { "gpt-4o-mini", "gpt-4o-mini", "house-model" })
        {
            using (await gateway.PostAsync("/v1/chat/completions", Chat.Replace("gpt-4o-mini", model, StringComparison.Ordinal), key))
            {
            }
        }

        var firstPage = await Infrastructure.Billing.GetJsonAsync(gateway, "/api/v1/activity?limit=1", key);
        var all = (await Infrastructure.Billing.GetJsonAsync(gateway, "/api/v1/activity", key)).GetProperty("data");

        Assert.Equal(1, firstPage.GetProperty("data").GetArrayLength());
        Assert.Equal(1, firstPage.GetProperty("next_offset").GetInt32());
        Assert.Equal(2, all.GetArrayLength());
        Assert.Equal(2, all.EnumerateArray().Single(r => r.GetProperty("model").GetString() == "gpt-4o-mini").GetProperty("requests").GetInt32());
    }

    private Task<HttpResponseMessage> GetAsync(string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.BaseUrl, path));
        request.Headers.Authorization = new("Bearer", key);
        return gateway.Http.SendAsync(request);
    }
}
