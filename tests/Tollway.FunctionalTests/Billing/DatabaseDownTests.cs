using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Wire;

namespace Tollway.FunctionalTests.Billing;

/// <summary>
/// The database cannot be reached: a request that needs it — a lease on its balance, its key's spend — is answered 503
/// with <c>Retry-After</c> in its client's own error shape, never a 500, with nothing sent upstream; the outage is
/// logged once, not once per request; and the same requests are served as soon as the database answers again.
/// </summary>
public sealed class DatabaseDownTests(DatabaseDownFixture gateway) : IClassFixture<DatabaseDownFixture>
{
    private const string Chat = """{"model":"gpt-4o-mini","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    /// <summary>The Messages API's bodies require <c>max_tokens</c>.</summary>
    private const string Messages = """{"model":"gpt-4o-mini","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostChatCompletions_AccountWithoutALeaseWhileTheDatabaseIsDown_Answers503InOpenAisShapeWithRetryAfter()
    {
        var (key, _, _) = await gateway.CreateFundedKeyAsync("no lease, chat", "1");

        using var response = await WhileDownAsync(() => gateway.PostAsync("/v1/chat/completions", Chat, key));

        AssertUnavailable(response);
        var error = await GatewayFixture.ReadErrorAsync(response);
        Assert.Equal(("server_error", "database_unavailable"), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString()));
        await AssertServedAgainAsync("/v1/chat/completions", Chat, key);
    }

    [Fact]
    public async Task PostMessages_AccountWithoutALeaseWhileTheDatabaseIsDown_Answers503InAnthropicsShapeWithRetryAfter()
    {
        var (key, _, _) = await gateway.CreateFundedKeyAsync("no lease, messages", "1");

        using var response = await WhileDownAsync(() => AnthropicSdk.PostAsync(gateway, "/v1/messages", Messages, key));

        AssertUnavailable(response);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("api_error", body.GetProperty("error").GetProperty("type").GetString());
        await AssertServedAgainAsync("/v1/messages", Messages, key);
    }

    [Fact]
    public async Task PostChatCompletions_SpendCappedKeyWhoseSpendCannotBeRead_Answers503()
    {
        // The account has a trusted lease (an earlier request), so only the key's spend needs the database.
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("capped", "1");
        using (var first = await gateway.PostAsync("/v1/chat/completions", Chat, key))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var capped = await gateway.Services.GetRequiredService<AccountAdministration>().CreateKeyAsync(
            accountId, "capped key", ApiKeyRole.Inference, null, new KeyLimits(SpendLimit: UsdAmount.NanosPerUsd / 2), Ct);
        gateway.PlaintextKeys.Add(capped!.PlaintextKey);

        using var response = await WhileDownAsync(() => gateway.PostAsync("/v1/chat/completions", Chat, capped.PlaintextKey));

        AssertUnavailable(response);
        await AssertServedAgainAsync("/v1/chat/completions", Chat, capped.PlaintextKey);
    }

    [Fact]
    public async Task Post_ManyRequestsDuringOneOutage_TheOutageIsLoggedOnceAndItsEndOnce()
    {
        var keys = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            keys.Add((await gateway.CreateFundedKeyAsync($"outage {i}", "1")).Key);
        }

        var before = gateway.Logs.Lines.Count;
        await WhileDownAsync(async () =>
        {
            foreach (var key in keys)
            {
                using var response = await gateway.PostAsync("/v1/chat/completions", Chat, key);
                AssertUnavailable(response);
            }

            return 0;
        });
        await AssertServedAgainAsync("/v1/chat/completions", Chat, keys[0]);

        var logged = gateway.Logs.Lines.Skip(before).ToList();
        Assert.Single(logged, line => line.Contains("[1270]", StringComparison.Ordinal));
        Assert.Single(logged, line => line.Contains("[1271]", StringComparison.Ordinal));
    }

    /// <summary>Runs <paramref name="send"/> with the database down, and checks nothing went upstream meanwhile.</summary>
    private async Task<T> WhileDownAsync<T>(Func<Task<T>> send)
    {
        gateway.Upstream.Reset();
        gateway.Database.Down = true;
        try
        {
            return await send();
        }
        finally
        {
            gateway.Database.Down = false;
            Assert.Equal(0, gateway.Upstream.RequestCount);
        }
    }

    private static void AssertUnavailable(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>With the database back, the same request is served (and so ends the outage).</summary>
    private async Task AssertServedAgainAsync(string path, string body, string key)
    {
        using var response = path == "/v1/messages" ? await AnthropicSdk.PostAsync(gateway, path, body, key) : await gateway.PostAsync(path, body, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
