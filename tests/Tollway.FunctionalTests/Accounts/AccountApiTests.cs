using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.FunctionalTests.SignIn;
using Tollway.Testing;
using Tollway.Testing.Chain;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Accounts;

/// <summary>The wallet owner's API on the real host, reached with a sign-in session or with one of the account's keys.</summary>
public sealed class AccountApiTests(ChainGatewayFixture gateway) : IClassFixture<ChainGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_CreateWithLimitsListMaskedRevoke_AndTheNewKeyReadsTheSameAccount()
    {
        var session = await SignInAsync(TestWallet.Create());

        using var created = await SendAsync(HttpMethod.Post, "/account/v1/keys", session,
            new { name = "ci", allowed_models = new[] { "gpt-4o-mini" }, limits = new { daily_spend_limit_usd = "2.5", requests_per_minute = 30 } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var plaintext = key.GetProperty("key").GetString()!;
        Assert.Equal("2.5", key.GetProperty("limits").GetProperty("daily_spend_limit_usd").GetString());
        Assert.Equal("inference", key.GetProperty("role").GetString());

        using var listed = await SendAsync(HttpMethod.Get, "/account/v1/keys", session);
        var keys = (await listed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("data");
        Assert.Equal(1, keys.GetArrayLength());
        Assert.False(keys[0].TryGetProperty("key", out _));
        Assert.DoesNotContain(plaintext, await listed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.EndsWith(plaintext[^4..], keys[0].GetProperty("masked_key").GetString(), StringComparison.Ordinal);

        using var revoked = await SendAsync(HttpMethod.Delete, "/account/v1/keys/" + key.GetProperty("id").GetString(), session);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        using var refused = await SendAsync(HttpMethod.Get, "/account/v1/balance", plaintext);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task RevokeKey_AnotherAccountsKey_Is404AndTheKeyStaysLive()
    {
        var owner = await SignInAsync(TestWallet.Create());
        var stranger = await SignInAsync(TestWallet.Create());
        using var created = await SendAsync(HttpMethod.Post, "/account/v1/keys", owner, new { name = "mine" });
        var key = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);

        using var attempt = await SendAsync(HttpMethod.Delete, "/account/v1/keys/" + key.GetProperty("id").GetString(), stranger);

        Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        using var stillLive = await SendAsync(HttpMethod.Get, "/account/v1/balance", key.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.OK, stillLive.StatusCode);
    }

    [Fact]
    public async Task RevokeKey_AnAdminKeyOfTheWalletsAccount_Is404AndTheKeyStillWorks()
    {
        var session = await SignInAsync(TestWallet.Create());
        using var balance = await SendAsync(HttpMethod.Get, "/account/v1/balance", session);
        var accountId = (await balance.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("account_id").GetString()!;
        var (admin, adminId) = await AccountApi.CreateKeyAsAdminAsync(gateway, new { account_id = accountId, name = "ops", role = "admin" });

        using var attempt = await SendAsync(HttpMethod.Delete, "/account/v1/keys/" + adminId, session);

        Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        using var stillAdmin = await AdminApi.SendAsync(gateway, HttpMethod.Get, "/admin/v1/accounts", key: admin);
        Assert.Equal(HttpStatusCode.OK, stillAdmin.StatusCode);
    }

    [Fact]
    public async Task DepositInstructions_GiveTheTreasuryAndAnEip681Uri()
    {
        var wallet = TestWallet.Create();
        var session = await SignInAsync(wallet);

        using var response = await SendAsync(HttpMethod.Get, "/account/v1/deposit-instructions?amount_usd=12.5", session);

        var instruction = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("data")[0];
        Assert.Equal(gateway.Treasury, instruction.GetProperty("treasury").GetString());
        Assert.Equal("2", instruction.GetProperty("confirmations").GetString());
        var token = instruction.GetProperty("token_address").GetString();
        Assert.Equal($"ethereum:{token}@31337/transfer?address={gateway.Treasury}&uint256=12500000", instruction.GetProperty("payment_uri").GetString());
        Assert.Equal(wallet.Address, instruction.GetProperty("send_from")[0].GetString());
        Assert.Equal("0.01", instruction.GetProperty("min_deposit_usd").GetString());
    }

    [Fact]
    public async Task DepositInstructions_AmountBelowTheMinimumDeposit_Refused()
    {
        // The watcher never credits a transfer below the chain's minimum: no payment URI may ask for one.
        var session = await SignInAsync(TestWallet.Create());

        using var response = await SendAsync(HttpMethod.Get, "/account/v1/deposit-instructions?amount_usd=0.009", session);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at least 0.01", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Balance_PendingDepositShowsBeforeItIsSpendable()
    {
        var wallet = TestWallet.Create();
        var session = await SignInAsync(wallet);

        await gateway.Token.MintAndTransferAsync(wallet.Address, gateway.Treasury, 3_000_000);
        var pending = await PollBalanceAsync(session, b => b.GetProperty("pending_deposits_usd").GetString() == "3");
        Assert.Equal("0", pending.GetProperty("available_usd").GetString());

        await gateway.Chain.MineAsync(ChainGatewayFixture.Depth);
        var credited = await PollBalanceAsync(session, b => b.GetProperty("available_usd").GetString() == "3");
        Assert.Equal("0", credited.GetProperty("pending_deposits_usd").GetString());
    }

    [Fact]
    public async Task Deposit_ThenAKeyMadeByTheWallet_PaysForRequestsAndShowsInUsage()
    {
        var wallet = TestWallet.Create();
        var session = await SignInAsync(wallet);
        await gateway.Token.MintAndTransferAsync(wallet.Address, gateway.Treasury, 1_000_000);
        await gateway.Chain.MineAsync(ChainGatewayFixture.Depth);
        await PollBalanceAsync(session, b => b.GetProperty("available_usd").GetString() == "1");
        using var created = await SendAsync(HttpMethod.Post, "/account/v1/keys", session, new { name = "app" });
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!;

        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(1000, 0)));
        using (var completion = await gateway.PostAsync("/v1/chat/completions", ChatBodies.LargePrompt(), key))
        {
            Assert.Equal(HttpStatusCode.OK, completion.StatusCode);
        }

        using var usage = await SendAsync(HttpMethod.Get, "/account/v1/usage", session);
        var row = Assert.Single((await usage.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("data").EnumerateArray());
        Assert.Equal(("gpt-4o-mini", 1L, "0.00015"), (row.GetProperty("model").GetString(), row.GetProperty("requests").GetInt64(), row.GetProperty("cost_usd").GetString()));
        await PollBalanceAsync(session, b => b.GetProperty("available_usd").GetString() == "0.99985");
    }

    [Fact]
    public async Task AnyEndpoint_WithoutCredentials_Is401()
    {
        using var response = await gateway.Http.GetAsync(new Uri(gateway.BaseUrl, "/account/v1/balance"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonElement> PollBalanceAsync(string session, Func<JsonElement, bool> done)
    {
        JsonElement body = default;
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    using var response = await SendAsync(HttpMethod.Get, "/account/v1/balance", session);
                    body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                    return done(body);
                },
                "The balance condition",
                Ct);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The balance never got there: {body}");
        }

        return body;
    }

    private async Task<string> SignInAsync(TestWallet wallet)
    {
        var nonce = (await gateway.Http.GetFromJsonAsync<JsonElement>(new Uri(gateway.BaseUrl, "/auth/siwe/nonce"), Ct)).GetProperty("nonce").GetString()!;
        var message = SiweText.Build(ChainGatewayFixture.SignInDomain, wallet.Address, ChainGatewayFixture.SignInOrigin + "/", gateway.Chain.ChainId, nonce, DateTimeOffset.UtcNow);
        using var response = await gateway.Http.PostAsJsonAsync(new Uri(gateway.BaseUrl, "/auth/siwe/verify"), new { message, signature = wallet.SignMessage(message) }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string bearer, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(gateway.BaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await gateway.Http.SendAsync(request, Ct);
    }
}
