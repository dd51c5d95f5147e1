using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tollway.Chain.SignIn;
using Tollway.Chain.X402;
using Tollway.FunctionalTests.SignIn;
using Tollway.FunctionalTests.X402;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Testing.Chain;

namespace Tollway.FunctionalTests.Security;

/// <summary>
/// The gateway with every endpoint on — fake upstreams, an anvil chain (sign-in, the account API) and x402 — and the
/// credentials the corpus names: <c>{{key}}</c> ($10), <c>{{restrictedKey}}</c> ($10, <c>flat-model</c> only),
/// <c>{{poorKey}}</c> (a millionth of a dollar), <c>{{cappedKey}}</c> ($10 behind a spend cap of a millionth),
/// <c>{{revokedKey}}</c>, <c>{{expiredKey}}</c>, <c>{{session}}</c> (a wallet's sign-in, $1), <c>{{adminKey}}</c>, and
/// <c>{{managementKey}}</c> ($10, restricted in every way a key can be, see <see cref="ManagementLimits"/>) with an admin
/// key of its account, <c>{{adminKeyId}}</c>. Bodies may be 2 MiB, so a megabyte of model name is read rather than
/// refused for its size.
/// </summary>
public sealed class HostileCorpusFixture : X402Fixture
{
    /// <summary>The limits of <c>{{managementKey}}</c>, which is also allowed only <c>flat-model</c>: a key it makes may
    /// have these or narrower, never wider.</summary>
    public static readonly KeyLimits ManagementLimits = new(
        SpendLimit: 5_000_000_000, DailySpendLimit: 1_000_000_000, MonthlySpendLimit: 2_000_000_000, RequestsPerMinute: 10,
        TokensPerMinute: 1000, MaxConcurrentRequests: 2, ExpiresAt: new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>The accounts whose money the corpus must never move.</summary>
    public List<string> Accounts { get; } = [];

    /// <summary>The wallet <c>{{siweSignature}}</c> signs with; it never signs in.</summary>
    public TestWallet CorpusWallet { get; } = TestWallet.Create();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var administration = Services.GetRequiredService<AccountAdministration>();
        var ledger = Services.GetRequiredService<LedgerAdministration>();
        var (key, accountId, keyId) = await CreateFundedKeyAsync("corpus", "10");
        var (restrictedKey, restrictedAccount, _) = await CreateFundedKeyAsync("corpus restricted", "10", "flat-model");
        var (poorKey, poorAccount, poorKeyId) = await CreateFundedKeyAsync("corpus poor", "0.000001");
        var (cappedKey, cappedAccount, cappedKeyId) = await CreateFundedKeyAsync("corpus capped", "10");
        await ledger.SetKeyLimitsAsync(cappedKeyId, new KeyLimits(SpendLimit: 1), CancellationToken.None);
        var (revokedKey, _, revokedKeyId) = await CreateFundedKeyAsync("corpus revoked", "10");
        await administration.RevokeKeyAsync(revokedKeyId, CancellationToken.None);
        var (expiredKey, _, expiredKeyId) = await CreateFundedKeyAsync("corpus expired", "10");
        await ledger.SetKeyLimitsAsync(expiredKeyId, new KeyLimits(ExpiresAt: DateTimeOffset.UtcNow.AddDays(-1)), CancellationToken.None);
        var managementAccount = await administration.CreateAccountAsync("corpus management", CancellationToken.None);
        await ledger.CreditAsync(managementAccount.Id, 10_000_000_000, "corpus management funds", "corpus-management", CancellationToken.None);
        var management = await administration.CreateKeyAsync(
            managementAccount.Id, "corpus management", ApiKeyRole.AccountManagement, ["flat-model"], ManagementLimits, CancellationToken.None);
        var accountAdmin = await administration.CreateKeyAsync(managementAccount.Id, "corpus account admin", ApiKeyRole.Admin, null, CancellationToken.None);
        PlaintextKeys.AddRange([management!.PlaintextKey, accountAdmin!.PlaintextKey]);
        var (session, sessionAccount) = await SignInAsync(TestWallet.Create());
        await ledger.CreditAsync(sessionAccount, 1_000_000_000, "corpus session funds", "corpus-session", CancellationToken.None);

        _values["key"] = key;
        _values["keyId"] = keyId;
        _values["accountId"] = accountId;
        _values["restrictedKey"] = restrictedKey;
        _values["poorKey"] = poorKey;
        _values["otherKeyId"] = poorKeyId;
        _values["cappedKey"] = cappedKey;
        _values["revokedKey"] = revokedKey;
        _values["expiredKey"] = expiredKey;
        _values["session"] = session;
        _values["adminKey"] = AdminKey;
        _values["managementKey"] = management.PlaintextKey;
        _values["adminKeyId"] = accountAdmin.Record.Id;
        _values["wallet"] = CorpusWallet.Address;
        _values["chainId"] = Chain.ChainId.ToString(CultureInfo.InvariantCulture);
        _values["siweDomain"] = SiweDomain;
        _values["siweUri"] = SiweUri;
        Accounts.AddRange([accountId, restrictedAccount, poorAccount, cappedAccount, sessionAccount, managementAccount.Id]);
    }

    /// <summary>The domain sign-in messages must name: the configured one (never the Host the fixture is reached at).</summary>
    public string SiweDomain => SignIn.Domain!;

    /// <summary>The origin sign-in messages' URIs must be under: the configured one.</summary>
    public string SiweUri => SignIn.Uri!;

    /// <summary>How long an x402 authorization must stay valid after it arrives: the settlement timeout and its margin.</summary>
    public TimeSpan X402MustOutlast => X402.SettlementTimeout + X402.SafetyMargin;

    private SignInOptions SignIn => Services.GetRequiredService<IOptions<SignInOptions>>().Value;

    private X402Options X402 => Services.GetRequiredService<IOptions<X402Options>>().Value;

    /// <summary>A fixed placeholder's value.</summary>
    public string Value(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new InvalidDataException($"Unknown placeholder '{{{{{name}}}}}'.");

    /// <summary>A fresh sign-in nonce.</summary>
    public async Task<string> NonceAsync()
    {
        var answer = await Http.GetFromJsonAsync<JsonElement>(new Uri(BaseUrl, "/auth/siwe/nonce"));
        return answer.GetProperty("nonce").GetString()!;
    }

    /// <summary>The money the corpus must not move: each account's balance and what this node holds of it, and the
    /// journal's last sequence.</summary>
    public async Task<string> BooksAsync()
    {
        var ledger = Services.GetRequiredService<LedgerAdministration>();
        var book = Services.GetRequiredService<BalanceBook>();
        var lines = new List<string>();
        foreach (var account in Accounts)
        {
            var (balance, _) = await ledger.GetBalanceAsync(account, CancellationToken.None);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{account}: balance {balance}, held {book.HeldOnThisNode(account)}"));
        }

        var journal = await ledger.ListJournalAsync(new JournalQuery(Limit: 100_000), CancellationToken.None);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"journal: {journal.Count} entries, last {(journal.Count == 0 ? 0 : journal[^1].Sequence)}"));
        return string.Join('\n', lines);
    }

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Server:MaxRequestBodyBytes"] = (2 * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        return configuration;
    }

    private async Task<(string Session, string AccountId)> SignInAsync(TestWallet wallet)
    {
        var message = SiweText.Build(SiweDomain, wallet.Address, SiweUri + "/", Chain.ChainId, await NonceAsync(), DateTimeOffset.UtcNow);
        using var response = await Http.PostAsJsonAsync(new Uri(BaseUrl, "/auth/siwe/verify"), new { message, signature = wallet.SignMessage(message) });
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"The corpus wallet's sign-in failed: {session}");
        return (session.GetProperty("token").GetString()!, session.GetProperty("account_id").GetString()!);
    }
}
