using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tollway.Chain.SignIn;
using Tollway.Chain.Wallets;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Access.Accounts;
using Tollway.Testing;
using Tollway.Testing.Chain;

namespace Tollway.FunctionalTests.SignIn;

/// <summary>Sign-In with Ethereum on the real host: the happy path and every refusal, each of which creates nothing.</summary>
public sealed class SiweTests(ChainGatewayFixture gateway) : IClassFixture<ChainGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Domain = ChainGatewayFixture.SignInDomain;

    private const string Origin = ChainGatewayFixture.SignInOrigin;

    [Fact]
    public async Task Verify_SignedMessage_CreatesTheAccountOnceAndOpensASession()
    {
        var wallet = TestWallet.Create();

        var first = await SignInAsync(wallet, await NonceAsync());
        var second = await SignInAsync(wallet, await NonceAsync());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var session = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(session.GetProperty("account_created").GetBoolean());
        Assert.Equal(wallet.Address, session.GetProperty("address").GetString());
        Assert.StartsWith("tws_", session.GetProperty("token").GetString(), StringComparison.Ordinal);
        var again = await second.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(again.GetProperty("account_created").GetBoolean());
        Assert.Equal(session.GetProperty("account_id").GetString(), again.GetProperty("account_id").GetString());

        using var balance = await AccountGetAsync("/account/v1/balance", session.GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, balance.StatusCode);
        var body = await balance.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("0", body.GetProperty("available_usd").GetString());
        Assert.Equal(wallet.Address, body.GetProperty("wallets")[0].GetString());
    }

    [Fact]
    public async Task Verify_MessageWithoutStatement_IsAccepted()
    {
        var wallet = TestWallet.Create();
        var message = SiweText.Build(Domain, wallet.Address, Origin + "/", gateway.Chain.ChainId, await NonceAsync(), DateTimeOffset.UtcNow, statement: null);

        using var response = await VerifyAsync(message, wallet.SignMessage(message));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> Refusals() =>
        ["wrong_domain", "wrong_uri", "wrong_chain", "expired", "not_yet_valid", "issued_in_future", "other_key", "malformed", "unknown_nonce", "crlf"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Verify_BadMessage_Answers401WithTheReasonAndCreatesNothing(string case_)
    {
        var wallet = TestWallet.Create();
        var now = DateTimeOffset.UtcNow;
        var nonce = await NonceAsync();
        var (message, signer, reason) = case_ switch
        {
            "wrong_domain" => (SiweText.Build("evil.example", wallet.Address, Origin, gateway.Chain.ChainId, nonce, now), wallet, "wrong_domain"),
            "wrong_uri" => (SiweText.Build(Domain, wallet.Address, "https://evil.example/login", gateway.Chain.ChainId, nonce, now), wallet, "wrong_uri"),
            "wrong_chain" => (SiweText.Build(Domain, wallet.Address, Origin, 8453, nonce, now), wallet, "wrong_chain"),
            "expired" => (SiweText.Build(Domain, wallet.Address, Origin, gateway.Chain.ChainId, nonce, now.AddHours(-1), expiration: now.AddMinutes(-5)), wallet, "expired"),
            "not_yet_valid" => (SiweText.Build(Domain, wallet.Address, Origin, gateway.Chain.ChainId, nonce, now, notBefore: now.AddMinutes(10)), wallet, "not_yet_valid"),
            "issued_in_future" => (SiweText.Build(Domain, wallet.Address, Origin, gateway.Chain.ChainId, nonce, now.AddMinutes(10)), wallet, "not_yet_valid"),
            "other_key" => (SiweText.Build(Domain, wallet.Address, Origin, gateway.Chain.ChainId, nonce, now), TestWallet.Create(), "bad_signature"),
            "malformed" => (SiweText.Build(Domain, wallet.Address.ToLowerInvariant(), Origin, gateway.Chain.ChainId, nonce, now), wallet, "malformed_message"),
            "unknown_nonce" => (SiweText.Build(Domain, wallet.Address, Origin, gateway.Chain.ChainId, "NotIssuedHere123", now), wallet, "bad_nonce"),
            _ => (SiweText.Build(Domain, wallet.Address, Origin, gateway.Chain.ChainId, nonce, now).Replace("\n", "\r\n", StringComparison.Ordinal), wallet, "malformed_message"),
        };
        var accountsBefore = await AccountCountAsync();

        using var response = await VerifyAsync(message, signer.SignMessage(message));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.Equal(accountsBefore, await AccountCountAsync());
        Assert.Null(await gateway.Services.GetRequiredService<IWalletStore>().FindAccountAsync(WalletAddress.Parse(wallet.Address), Ct));
    }

    [Fact]
    public async Task Verify_MessageForAPhishingDomainPostedWithThatHost_Answers401WrongDomain()
    {
        var wallet = TestWallet.Create();
        var message = SiweText.Build("evil.example", wallet.Address, "http://evil.example/login", gateway.Chain.ChainId, await NonceAsync(), DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseUrl, "/auth/siwe/verify"))
        {
            Content = JsonContent.Create(new { message, signature = wallet.SignMessage(message) }),
        };
        request.Headers.Host = "evil.example";

        using var response = await gateway.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("wrong_domain", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        Assert.Null(await gateway.Services.GetRequiredService<IWalletStore>().FindAccountAsync(WalletAddress.Parse(wallet.Address), Ct));
    }

    [Fact]
    public async Task Verify_MessageOneCharacterPastItsBound_Answers400NamingItAndSignsNobodyIn()
    {
        var (past, wallet) = await MessageOfLengthAsync(SignInBounds.MaxMessageLength + 1);
        var (atBound, other) = await MessageOfLengthAsync(SignInBounds.MaxMessageLength);

        using var refused = await VerifyAsync(past, wallet.SignMessage(past));
        using var accepted = await VerifyAsync(atBound, other.SignMessage(atBound));

        await AssertBadRequestAsync(refused, "message");
        Assert.Null(await gateway.Services.GetRequiredService<IWalletStore>().FindAccountAsync(WalletAddress.Parse(wallet.Address), Ct));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Verify_SignatureOneBytePastItsBound_Answers400NamingIt()
    {
        var wallet = TestWallet.Create();
        var message = SiweText.Build(Domain, wallet.Address, Origin, gateway.Chain.ChainId, await NonceAsync(), DateTimeOffset.UtcNow);

        using var refused = await VerifyAsync(message, "0x" + new string('a', 2 * (SignInBounds.MaxSignatureBytes + 1)));
        // At the bound the signature is checked, and this one is not the wallet's.
        using var atBound = await VerifyAsync(message, "0x" + new string('a', 2 * SignInBounds.MaxSignatureBytes));

        await AssertBadRequestAsync(refused, "signature");
        Assert.Equal(HttpStatusCode.Unauthorized, atBound.StatusCode);
        Assert.Equal("bad_signature", (await atBound.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Verify_ContractWallet_IsAskedThroughEip1271()
    {
        var owner = TestWallet.Create();
        var contract = Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress(await gateway.Chain.DeploySmartWalletAsync(owner.Address));
        var message = SiweText.Build(Domain, contract, Origin, gateway.Chain.ChainId, await NonceAsync(), DateTimeOffset.UtcNow);

        using var refused = await VerifyAsync(message, TestWallet.Create().SignMessage(message));
        // A refusal leaves the nonce usable: the owner's signature of the same message then signs in.
        using var accepted = await VerifyAsync(message, owner.SignMessage(message));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("bad_signature", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var session = await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(contract, session.GetProperty("address").GetString());
        Assert.True(session.GetProperty("account_created").GetBoolean());
    }

    [Fact]
    public async Task Verify_ReusedNonce_Answers401()
    {
        var wallet = TestWallet.Create();
        var message = SiweText.Build(Domain, wallet.Address, Origin, gateway.Chain.ChainId, await NonceAsync(), DateTimeOffset.UtcNow);
        var signature = wallet.SignMessage(message);
        using var first = await VerifyAsync(message, signature);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var replay = await VerifyAsync(message, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("bad_nonce", (await replay.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Verify_DepositFromAWalletBeforeItsFirstSignIn_IsClaimed()
    {
        var wallet = TestWallet.Create();
        await gateway.Token.MintAndTransferAsync(wallet.Address, gateway.Treasury, 7_250_000);
        await gateway.Chain.MineAsync(ChainGatewayFixture.Depth);
        var deposits = gateway.Services.GetRequiredService<Tollway.Chain.Deposits.IDepositStore>();
        var sender = WalletAddress.Parse(wallet.Address);
        await Eventually.TrueAsync(
            async () => (await deposits.ListConfirmedAsync(gateway.Chain.ChainId, 0, long.MaxValue, Ct)).Any(d => d.Sender == sender),
            "The watcher confirming the unclaimed deposit",
            Ct);

        using var response = await SignInAsync(wallet, await NonceAsync());

        var session = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("7.25", session.GetProperty("claimed_usd").GetString());
        using var balance = await AccountGetAsync("/account/v1/balance", session.GetProperty("token").GetString()!);
        Assert.Equal("7.25", (await balance.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("available_usd").GetString());
        using var list = await AccountGetAsync("/account/v1/deposits", session.GetProperty("token").GetString()!);
        var deposit = (await list.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("data")[0];
        Assert.Equal("credited", deposit.GetProperty("status").GetString());
        Assert.Equal(wallet.Address, deposit.GetProperty("from").GetString());
    }

    /// <summary>A valid sign-in message of exactly <paramref name="length"/> characters (its statement padded), and the
    /// wallet it names.</summary>
    private async Task<(string Message, TestWallet Wallet)> MessageOfLengthAsync(int length)
    {
        var wallet = TestWallet.Create();
        var nonce = await NonceAsync();
        var now = DateTimeOffset.UtcNow;
        var shortest = SiweText.Build(Domain, wallet.Address, Origin, gateway.Chain.ChainId, nonce, now, statement: "x");
        return (SiweText.Build(Domain, wallet.Address, Origin, gateway.Chain.ChainId, nonce, now, statement: new string('x', 1 + length - shortest.Length)), wallet);
    }

    private static async Task AssertBadRequestAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("param").GetString());
    }

    private async Task<int> AccountCountAsync() => (await gateway.Services.GetRequiredService<IAccountStore>().ListAsync(Ct)).Count;

    private async Task<string> NonceAsync()
    {
        var body = await gateway.Http.GetFromJsonAsync<JsonElement>(new Uri(gateway.BaseUrl, "/auth/siwe/nonce"), Ct);
        return body.GetProperty("nonce").GetString()!;
    }

    private async Task<HttpResponseMessage> SignInAsync(TestWallet wallet, string nonce)
    {
        var message = SiweText.Build(Domain, wallet.Address, Origin + "/login", gateway.Chain.ChainId, nonce, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5));
        return await VerifyAsync(message, wallet.SignMessage(message));
    }

    private Task<HttpResponseMessage> VerifyAsync(string message, string signature) =>
        gateway.Http.PostAsJsonAsync(new Uri(gateway.BaseUrl, "/auth/siwe/verify"), new { message, signature }, Ct);

    private async Task<HttpResponseMessage> AccountGetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.BaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await gateway.Http.SendAsync(request, Ct);
    }
}
