using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>The operator moves money once per idempotency key, reads the journal, reconciles, and changes prices and markups live.</summary>
public sealed class OperatorMoneyTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Chat = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_tokens":100}""";

    [Fact]
    public async Task Credit_ReplayedWithTheSameKey_MovesMoneyOnce()
    {
        var (_, accountId, _) = await gateway.CreateFundedKeyAsync("replay", "0");
        var credit = new { amount_usd = "5.25", reason = "wire transfer 1234", idempotency_key = "wire-1234" };

        using var first = await AdminApi.SendAsync(gateway, HttpMethod.Post, $"/admin/v1/accounts/{accountId}/credits", credit);
        using var second = await AdminApi.SendAsync(gateway, HttpMethod.Post, $"/admin/v1/accounts/{accountId}/credits", credit);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("duplicate", (await second.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("outcome").GetString());
        Assert.Equal(5_250_000_000, await Infrastructure.Billing.BalanceAsync(gateway, accountId));
    }

    [Fact]
    public async Task Debit_MoreThanTheBalance_IsRefusedAndMovesNothing()
    {
        var (_, accountId, _) = await gateway.CreateFundedKeyAsync("debited", "1");

        using var refused = await AdminApi.SendAsync(gateway, HttpMethod.Post, $"/admin/v1/accounts/{accountId}/debits",
            new { amount_usd = "1.01", reason = "chargeback", idempotency_key = "cb-1" });
        using var accepted = await AdminApi.SendAsync(gateway, HttpMethod.Post, $"/admin/v1/accounts/{accountId}/debits",
            new { amount_usd = "0.40", reason = "chargeback", idempotency_key = "cb-2" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(600_000_000, await Infrastructure.Billing.BalanceAsync(gateway, accountId));
    }

    [Theory]
    [InlineData("""{"amount_usd":"-1","reason":"x","idempotency_key":"k"}""")]
    [InlineData("""{"amount_usd":"1.5","idempotency_key":"k"}""")]
    [InlineData("""{"amount_usd":"1.5","reason":"x"}""")]
    [InlineData("""{"amount_usd":1.5,"reason":"x","idempotency_key":"k"}""")]
    public async Task Credit_InvalidBody_Answers400(string body)
    {
        var (_, accountId, _) = await gateway.CreateFundedKeyAsync("bad credit", "0");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseUrl, $"/admin/v1/accounts/{accountId}/credits"))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", gateway.AdminKey);

        using var response = await gateway.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Credit_ByAUserKey_IsForbidden()
    {
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("self service", "0");

        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Post, $"/admin/v1/accounts/{accountId}/credits",
            new { amount_usd = "100", reason = "free money", idempotency_key = "x" }, key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await Infrastructure.Billing.BalanceAsync(gateway, accountId));
    }

    [Fact]
    public async Task KeyLimits_ChangedByAUserKey_AreForbiddenAndUnchanged()
    {
        var (key, _, keyId) = await gateway.CreateFundedKeyAsync("self limits", "1");

        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Put, $"/admin/v1/keys/{keyId}/limits",
            new { spend_limit_usd = "1000000" }, key);
        var info = (await Infrastructure.Billing.GetJsonAsync(gateway, "/api/v1/key", key)).GetProperty("data");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, info.GetProperty("limit").ValueKind);
    }

    [Fact]
    public async Task JournalAndReconciliation_ShowEveryMovementAndBalance()
    {
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("journaled", "1");
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(1000, 0)));
        using (await gateway.PostAsync("/v1/chat/completions", ChatBodies.LargePrompt(), key))
        {
        }

        using var journal = await AdminApi.SendAsync(gateway, HttpMethod.Get, $"/admin/v1/journal?account_id={accountId}");
        var entries = (await journal.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("data");
        using var reconciliation = await AdminApi.SendAsync(gateway, HttpMethod.Get, "/admin/v1/reconciliation");
        var books = await reconciliation.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(2, entries.GetArrayLength());
        Assert.Equal("credit", entries[0].GetProperty("kind").GetString());
        var charge = entries[1];
        Assert.Equal("charge", charge.GetProperty("kind").GetString());
        Assert.Equal("-0.00015", charge.GetProperty("postings").GetProperty($"user:{accountId}").GetString());
        Assert.Equal("0.00015", charge.GetProperty("postings").GetProperty("system:provider_cost").GetString());
        Assert.True(books.GetProperty("balanced").GetBoolean());
        Assert.Equal("0", books.GetProperty("sum_of_postings_usd").GetString());
    }

    [Fact]
    public async Task PriceAndMarkups_ChangedAtRunTime_ApplyToTheNextRequestWithTheMostSpecificMarkup()
    {
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("repriced", "1");
        using (var price = await AdminApi.SendAsync(gateway, HttpMethod.Put, "/admin/v1/prices",
            new { model = "house-model", provider = "fake", input = "2", output = "4" }))
        {
            Assert.Equal(HttpStatusCode.OK, price.StatusCode);
        }

        await SetMarkupAsync("global", "", "50");
        await SetMarkupAsync("provider", "fake", "40");
        await SetMarkupAsync("model", "house-model", "30");
        await SetMarkupAsync("account", accountId, "10");

        // 1000 prompt tokens × $2/M = $0.002, plus the account's 10 %.
        Assert.Equal(2_200_000, await ChargeOfAsync(key));
        await SetMarkupAsync("account", accountId, null);
        Assert.Equal(2_600_000, await ChargeOfAsync(key));
        await SetMarkupAsync("model", "house-model", null);
        Assert.Equal(2_800_000, await ChargeOfAsync(key));
        await SetMarkupAsync("provider", "fake", null);
        Assert.Equal(3_000_000, await ChargeOfAsync(key));
        await SetMarkupAsync("global", "", null);
        Assert.Equal(2_000_000, await ChargeOfAsync(key));
    }

    [Fact]
    public async Task Price_ChangedWhileARequestRuns_DoesNotChangeThatRequestsCharge()
    {
        var (key, _, _) = await gateway.CreateFundedKeyAsync("in flight", "1");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Upstream.Enqueue(UpstreamFault.HoldStreamUntil(release) with { Usage = new UpstreamUsage(1000, 0) });
        var streamed = ChatBodies.LargePrompt("azure-gpt", stream: true, streamUsage: true);

        using var response = await gateway.PostAsync("/v1/chat/completions", streamed, key, stream: true);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        Assert.NotNull(await reader.ReadDataAsync(TestContext.Current.CancellationToken));
        using (var price = await AdminApi.SendAsync(gateway, HttpMethod.Put, "/admin/v1/prices",
            new { model = "azure-gpt", provider = "azure", input = "100", output = "100" }))
        {
            Assert.Equal(HttpStatusCode.OK, price.StatusCode);
        }

        release.SetResult();
        await reader.ReadAllAsync(TestContext.Current.CancellationToken);

        var charge = await Infrastructure.Billing.WaitForChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.Equal(150_000, charge.Total);
    }

    [Fact]
    public async Task Price_ForAnEndpointThatDoesNotExist_Answers404()
    {
        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Put, "/admin/v1/prices",
            new { model = "gpt-4o-mini", provider = "azure", input = "1", output = "1" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task SetMarkupAsync(string scope, string subject, string? percent)
    {
        using var response = await AdminApi.SendAsync(gateway, HttpMethod.Put, "/admin/v1/markups", new { scope, subject, percent });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<long> ChargeOfAsync(string key)
    {
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(1000, 0)));
        using var response = await gateway.PostAsync("/v1/chat/completions", ChatBodies.LargePrompt("house-model"), key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response)))!.Total;
    }
}
