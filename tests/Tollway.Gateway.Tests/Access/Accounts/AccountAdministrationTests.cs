using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Tests.Access.Keys;

namespace Tollway.Gateway.Tests.Access.Accounts;

public sealed class AccountAdministrationTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryApiKeyStore _keys = new();
    private readonly InMemoryAccountStore _accounts;
    private readonly ApiKeyCache _cache = new();
    private readonly AccountAdministration _administration;

    public AccountAdministrationTests()
    {
        _accounts = new InMemoryAccountStore(_keys);
        _administration = new AccountAdministration(_accounts, _keys, _cache, _time);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAccountAsync_Name_StoresAccountWithRandomPrefixedIdAndCurrentTime()
    {
        var account = await _administration.CreateAccountAsync("team a", Token);

        Assert.StartsWith(Account.IdPrefix, account.Id, StringComparison.Ordinal);
        Assert.Equal(Account.IdPrefix.Length + 16, account.Id.Length);
        Assert.Equal("team a", account.Name);
        Assert.Equal(Start, account.CreatedAt);
        Assert.Equal(account, await _accounts.FindAsync(account.Id, Token));
    }

    [Fact]
    public async Task CreateAccountAsync_Twice_GivesDistinctIds()
    {
        var first = await _administration.CreateAccountAsync("a", Token);
        var second = await _administration.CreateAccountAsync("a", Token);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal([first, second], await _administration.ListAccountsAsync(Token));
    }

    [Fact]
    public async Task CreateKeyAsync_UnknownAccount_ReturnsNullAndStoresNothing()
    {
        var created = await _administration.CreateKeyAsync("acct_missing", "k", ApiKeyRole.Inference, null, Token);

        Assert.Null(created);
        Assert.Empty(_keys.Stored);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task CreateKeyAsync_ExistingAccount_StoresOnlyTheHashOfTheKey()
    {
        var account = await _administration.CreateAccountAsync("a", Token);
        _time.Advance(TimeSpan.FromMinutes(5));

        var created = await _administration.CreateKeyAsync(account.Id, "ci", ApiKeyRole.Inference, null, Token);

        Assert.NotNull(created);
        Assert.True(ApiKeyFormat.LooksLikeKey(created.PlaintextKey));
        var stored = Assert.Single(_keys.Stored);
        Assert.Equal(created.Record.Id, stored.Id);
        Assert.StartsWith(ApiKeyRecord.IdPrefix, stored.Id, StringComparison.Ordinal);
        Assert.Equal(account.Id, stored.AccountId);
        Assert.Equal("ci", stored.Name);
        Assert.Equal(ApiKeyRole.Inference, stored.Role);
        Assert.Equal(Start.AddMinutes(5), stored.CreatedAt);
        Assert.Null(stored.RevokedAt);
        Assert.Equal(KeyHash.Compute(created.PlaintextKey), stored.Hash);
        Assert.Equal(created.PlaintextKey[^4..], stored.LastFour);
        Assert.Equal("tw-…" + created.PlaintextKey[^4..], stored.Masked);
        // The record is all the store ever sees; no member of it, printed or not, may carry the key.
        Assert.DoesNotContain(created.PlaintextKey, stored.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(created.PlaintextKey[ApiKeyFormat.Prefix.Length..], stored.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateKeyAsync_ExistingAccount_KeyAuthenticatesAtOnce()
    {
        var account = await _administration.CreateAccountAsync("a", Token);

        var created = await _administration.CreateKeyAsync(account.Id, "k", ApiKeyRole.Admin, null, Token);

        var result = Authenticate(created!.PlaintextKey);
        Assert.Equal(ApiKeyAuthenticationStatus.Success, result.Status);
        Assert.Equal(created.Record.Id, result.Key!.Id);
        Assert.Equal(ApiKeyRole.Admin, result.Key.Role);
    }

    [Fact]
    public async Task CreateKeyAsync_WithLimits_StoresThemWithTheKeyInOneWrite()
    {
        var account = await _administration.CreateAccountAsync("a", Token);
        var limits = new KeyLimits(SpendLimit: 5, ExpiresAt: Start.AddDays(1));

        var created = await _administration.CreateKeyAsync(account.Id, "k", ApiKeyRole.AccountManagement, ["m"], limits, Token);

        var stored = Assert.Single(_keys.Stored);
        Assert.Equal(limits, stored.Limits);
        Assert.Equal(ApiKeyRole.AccountManagement, stored.Role);
        Assert.Equal(limits, Authenticate(created!.PlaintextKey).Key!.Limits);
    }

    [Fact]
    public async Task CreateKeyAsync_EmptyAllowedModels_AllowsEveryModel()
    {
        var account = await _administration.CreateAccountAsync("a", Token);

        var created = await _administration.CreateKeyAsync(account.Id, "k", ApiKeyRole.Inference, [], Token);

        Assert.Null(created!.Record.AllowedModels);
        Assert.True(created.Record.Allows("any-model"));
    }

    [Fact]
    public async Task CreateKeyAsync_AllowedModels_AreCopiedAndEnforcedCaseSensitively()
    {
        var account = await _administration.CreateAccountAsync("a", Token);
        var allowed = new List<string> { "gpt-4o-mini" };

        var created = await _administration.CreateKeyAsync(account.Id, "k", ApiKeyRole.Inference, allowed, Token);
        allowed.Add("gpt-4o");

        Assert.Equal(["gpt-4o-mini"], created!.Record.AllowedModels);
        Assert.True(created.Record.Allows("gpt-4o-mini"));
        Assert.False(created.Record.Allows("gpt-4o"));
        Assert.False(created.Record.Allows("GPT-4o-mini"));
    }

    [Fact]
    public async Task ListKeysAsync_ByAccount_ReturnsOnlyThatAccountsKeys()
    {
        var a = await _administration.CreateAccountAsync("a", Token);
        var b = await _administration.CreateAccountAsync("b", Token);
        var keyA = await _administration.CreateKeyAsync(a.Id, "ka", ApiKeyRole.Inference, null, Token);
        await _administration.CreateKeyAsync(b.Id, "kb", ApiKeyRole.Inference, null, Token);

        var listed = await _administration.ListKeysAsync(a.Id, Token);

        Assert.Equal(keyA!.Record.Id, Assert.Single(listed).Id);
        Assert.Equal(2, (await _administration.ListKeysAsync(null, Token)).Count);
    }

    [Fact]
    public async Task RevokeKeyAsync_LiveKey_StopsAuthenticatingAtOnce()
    {
        var account = await _administration.CreateAccountAsync("a", Token);
        var created = await _administration.CreateKeyAsync(account.Id, "k", ApiKeyRole.Inference, null, Token);
        _time.Advance(TimeSpan.FromHours(1));

        var revoked = await _administration.RevokeKeyAsync(created!.Record.Id, Token);

        Assert.NotNull(revoked);
        Assert.Equal(Start.AddHours(1), revoked.RevokedAt);
        Assert.True(Assert.Single(_keys.Stored).IsRevoked);
        Assert.Equal(ApiKeyAuthenticationStatus.Invalid, Authenticate(created.PlaintextKey).Status);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task RevokeKeyAsync_UnknownKey_ReturnsNullAndLeavesOthersAlone()
    {
        var account = await _administration.CreateAccountAsync("a", Token);
        var created = await _administration.CreateKeyAsync(account.Id, "k", ApiKeyRole.Inference, null, Token);

        Assert.Null(await _administration.RevokeKeyAsync("key_missing", Token));
        Assert.Equal(ApiKeyAuthenticationStatus.Success, Authenticate(created!.PlaintextKey).Status);
    }

    [Fact]
    public async Task RevokeKeyAsync_KeyCreatedOnAnotherNodeNotYetRead_IsStillPickedUpByTheNextRefresh()
    {
        var refresher = new ApiKeyCacheRefresher(_cache, _keys, _time, NullLogger<ApiKeyCacheRefresher>.Instance);
        await refresher.RefreshAsync(Token);
        var account = await _administration.CreateAccountAsync("a", Token);
        var local = await _administration.CreateKeyAsync(account.Id, "local", ApiKeyRole.Inference, null, Token);
        // Another node (or the command line) writes a key; this node has not polled the change feed since.
        var elsewhere = ApiKeyFormat.Generate();
        await _keys.InsertAsync(TestKeys.Record(elsewhere, id: "key_elsewhere"), Token);

        await _administration.RevokeKeyAsync(local!.Record.Id, Token);
        await refresher.RefreshAsync(Token);

        // Applying the local revocation must not move the cache past feed entries it has not read yet.
        Assert.Equal(ApiKeyAuthenticationStatus.Success, Authenticate(elsewhere).Status);
        Assert.Equal(ApiKeyAuthenticationStatus.Invalid, Authenticate(local.PlaintextKey).Status);
    }

    [Fact]
    public async Task RevokeKeyAsync_RefreshReadsAStaleCreateAfterwards_KeyEndsRevoked()
    {
        var refresher = new ApiKeyCacheRefresher(_cache, _keys, _time, NullLogger<ApiKeyCacheRefresher>.Instance);
        var account = await _administration.CreateAccountAsync("a", Token);
        var created = await _administration.CreateKeyAsync(account.Id, "k", ApiKeyRole.Inference, null, Token);
        // A refresh that read the feed just before the revocation committed applies its stale snapshot just after.
        var stale = await _keys.ReadChangesAsync(_cache.Version, Token);

        await _administration.RevokeKeyAsync(created!.Record.Id, Token);
        _cache.Apply(stale);
        await refresher.RefreshAsync(Token);

        Assert.Equal(ApiKeyAuthenticationStatus.Invalid, Authenticate(created.PlaintextKey).Status);
    }

    [Fact]
    public async Task BootstrapOperatorAsync_EmptyDatabase_CreatesOperatorWithALiveAdminKey()
    {
        var created = await _administration.BootstrapOperatorAsync(Token);

        Assert.NotNull(created);
        var account = Assert.Single(await _administration.ListAccountsAsync(Token));
        Assert.Equal(AccountAdministration.OperatorAccountName, account.Name);
        Assert.Equal(Start, account.CreatedAt);
        Assert.Equal(account.Id, created.Record.AccountId);
        Assert.Equal(ApiKeyRole.Admin, created.Record.Role);
        Assert.Null(created.Record.AllowedModels);
        var stored = Assert.Single(_keys.Stored);
        Assert.Equal(KeyHash.Compute(created.PlaintextKey), stored.Hash);
        Assert.DoesNotContain(created.PlaintextKey, stored.ToString(), StringComparison.Ordinal);
        Assert.Equal(ApiKeyAuthenticationStatus.Success, Authenticate(created.PlaintextKey).Status);
    }

    [Fact]
    public async Task BootstrapOperatorAsync_SecondCall_ReturnsNullAndCreatesNothing()
    {
        var first = await _administration.BootstrapOperatorAsync(Token);

        var second = await _administration.BootstrapOperatorAsync(Token);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Single(await _administration.ListAccountsAsync(Token));
        Assert.Single(_keys.Stored);
        Assert.Equal(1, _cache.Count);
        Assert.Equal(2, _accounts.FirstAccountAttempts);
    }

    [Fact]
    public async Task BootstrapOperatorAsync_DatabaseWithAnAccount_ReturnsNull()
    {
        await _administration.CreateAccountAsync("existing", Token);

        Assert.Null(await _administration.BootstrapOperatorAsync(Token));
        Assert.Empty(_keys.Stored);
        Assert.Equal(0, _cache.Count);
    }

    private ApiKeyAuthentication Authenticate(string key)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + key;
        return new ApiKeyAuthenticator(_cache, _time).Authenticate(context.Request);
    }
}
