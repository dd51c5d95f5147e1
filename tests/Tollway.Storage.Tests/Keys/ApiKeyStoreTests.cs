using System.Data.Common;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Keys;

/// <summary>
/// <see cref="IApiKeyStore"/> on every backend: round trips, revocation, limits, and the version feed that every node's
/// key cache follows. The class's tests share a database, so versions are checked relative to what was there before.
/// </summary>
public abstract class ApiKeyStoreTests(StorageBackend backend) : StorageTests(backend)
{
    /// <summary>The schema of the last release whose keys had no scopes (0 was "user", 1 "admin").</summary>
    private const int LastVersionBeforeScopes = 8;

    [Fact]
    public async Task InsertAsync_UserKeyWithAllowedModels_FindAsyncRoundTripsEveryField()
    {
        var account = await NewAccountAsync();
        var before = await MaxVersionAsync();
        var key = TestKeys.NewKey(account.Id, "ci key", ApiKeyRole.Inference, ["gpt-4o-mini", "text-embedding-3-small"]).Record;

        await Node.Keys.InsertAsync(key, Ct);
        var found = await NewNode().Keys.FindAsync(key.Id, Ct);

        AssertSameKey(key, found);
        Assert.Equal(["gpt-4o-mini", "text-embedding-3-small"], found!.AllowedModels!);
        Assert.Null(found.RevokedAt);
        Assert.Null(found.Limits);
        Assert.Equal(before + 1, found.Version);
    }

    [Fact]
    public async Task InsertAsync_NullAndEmptyModelLists_StayDistinct()
    {
        var account = await NewAccountAsync();
        var every = TestKeys.NewKey(account.Id, "admin", ApiKeyRole.Admin, allowedModels: null).Record;
        var none = TestKeys.NewKey(account.Id, "locked out", allowedModels: []).Record;

        await Node.Keys.InsertAsync(every, Ct);
        await Node.Keys.InsertAsync(none, Ct);

        // Null means every model; an empty list means none, and must not turn into "every" on the way back.
        var foundEvery = await Node.Keys.FindAsync(every.Id, Ct);
        var foundNone = await Node.Keys.FindAsync(none.Id, Ct);
        Assert.Null(foundEvery!.AllowedModels);
        Assert.True(foundEvery.Allows("any-model"));
        Assert.NotNull(foundNone!.AllowedModels);
        Assert.Empty(foundNone.AllowedModels);
        Assert.False(foundNone.Allows("any-model"));
    }

    [Fact]
    public async Task InsertAsync_AlreadyRevokedKeyWithLimits_RoundTripsThem()
    {
        var account = await NewAccountAsync();
        var limits = new KeyLimits(SpendLimit: 5, ExpiresAt: TestKeys.Epoch.AddDays(30));
        var key = TestKeys.NewKey(account.Id).Record with { RevokedAt = TestKeys.Epoch.AddMinutes(5), Limits = limits };

        await Node.Keys.InsertAsync(key, Ct);
        var found = await Node.Keys.FindAsync(key.Id, Ct);

        AssertSameKey(key, found);
        Assert.Equal(limits with { ExpiresAt = TestKeys.Millis(limits.ExpiresAt!.Value) }, found!.Limits);
    }

    [Fact]
    public async Task InsertAsync_KeyForUnknownAccount_Throws()
    {
        await Assert.ThrowsAnyAsync<DbException>(() => Node.Keys.InsertAsync(TestKeys.NewKey("acct_missing").Record, Ct));
    }

    [Fact]
    public async Task InsertAsync_SameHashTwice_Throws()
    {
        var account = await NewAccountAsync();
        var key = TestKeys.NewKey(account.Id).Record;
        await Node.Keys.InsertAsync(key, Ct);

        // Two records for one secret would make authentication ambiguous.
        await Assert.ThrowsAnyAsync<DbException>(() => Node.Keys.InsertAsync(key with { Id = "key_other_" + key.Id }, Ct));
    }

    [Fact]
    public async Task FindAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await Node.Keys.FindAsync("key_missing", Ct));
    }

    [Fact]
    public async Task ListAsync_AccountId_ReturnsOnlyThatAccountsKeysOldestFirst()
    {
        var mine = await NewAccountAsync();
        var theirs = await NewAccountAsync();
        await Node.Keys.InsertAsync(TestKeys.NewKey(mine.Id, "newer", createdAt: TestKeys.Epoch.AddHours(1)).Record, Ct);
        await Node.Keys.InsertAsync(TestKeys.NewKey(theirs.Id, "other", createdAt: TestKeys.Epoch.AddMinutes(30)).Record, Ct);
        await Node.Keys.InsertAsync(TestKeys.NewKey(mine.Id, "older", createdAt: TestKeys.Epoch).Record, Ct);

        var listed = await Node.Keys.ListAsync(mine.Id, Ct);
        var all = await Node.Keys.ListAsync(null, Ct);

        Assert.Equal(["older", "newer"], listed.Select(k => k.Name));
        Assert.Equal(["older", "other", "newer"], all.Where(k => k.AccountId == mine.Id || k.AccountId == theirs.Id).Select(k => k.Name));
        Assert.Empty(await Node.Keys.ListAsync("acct_missing", Ct));
    }

    [Fact]
    public async Task RevokeAsync_LiveKey_SetsRevokedAtAndTakesTheNextVersion()
    {
        var account = await NewAccountAsync();
        var target = TestKeys.NewKey(account.Id, "target").Record;
        await Node.Keys.InsertAsync(target, Ct);
        await Node.Keys.InsertAsync(TestKeys.NewKey(account.Id, "later").Record, Ct);
        var latest = await MaxVersionAsync();
        var revokedAt = TestKeys.Epoch.AddDays(1).AddTicks(4321);

        var revoked = await NewNode().Keys.RevokeAsync(target.Id, revokedAt, Ct);

        Assert.NotNull(revoked);
        Assert.Equal(TestKeys.Millis(revokedAt), revoked.RevokedAt);
        // Above every version so far, so pollers that already saw the later key still see the revocation.
        Assert.Equal(latest + 1, revoked.Version);
        Assert.Equal(revoked, await Node.Keys.FindAsync(target.Id, Ct));
    }

    [Fact]
    public async Task RevokeAsync_UnknownId_ReturnsNullAndChangesNothing()
    {
        var latest = await MaxVersionAsync();

        Assert.Null(await Node.Keys.RevokeAsync("key_missing", TestKeys.Epoch, Ct));
        Assert.Empty(await Node.Keys.ReadChangesAsync(latest, Ct));
    }

    [Fact]
    public async Task RevokeAsync_Twice_KeepsTheFirstTimeAndVersion()
    {
        var account = await NewAccountAsync();
        var key = TestKeys.NewKey(account.Id).Record;
        await Node.Keys.InsertAsync(key, Ct);
        var first = await Node.Keys.RevokeAsync(key.Id, TestKeys.Epoch.AddHours(1), Ct);

        var second = await Node.Keys.RevokeAsync(key.Id, TestKeys.Epoch.AddHours(2), Ct);

        Assert.NotNull(second);
        Assert.Equal(TestKeys.Millis(TestKeys.Epoch.AddHours(1)), second.RevokedAt);
        // A no-op revocation must not wake every node's cache.
        Assert.Equal(first!.Version, second.Version);
        Assert.Equal(first.Version, await MaxVersionAsync());
    }

    [Fact]
    public async Task InsertAsync_KeyMadeByAKey_RoundTripsItsMaker()
    {
        var account = await NewAccountAsync();
        var maker = TestKeys.NewKey(account.Id, "maker", ApiKeyRole.AccountManagement).Record;
        var made = TestKeys.NewKey(account.Id, "made").Record with { MakerId = maker.Id };

        Assert.True(await Node.Keys.InsertAsync(maker, Ct));
        Assert.True(await Node.Keys.InsertAsync(made, Ct));

        Assert.Equal(maker.Id, (await NewNode().Keys.FindAsync(made.Id, Ct))!.MakerId);
        Assert.Null((await Node.Keys.FindAsync(maker.Id, Ct))!.MakerId);
        Assert.Equal(maker.Id, (await Node.Keys.ListAsync(account.Id, Ct)).Single(k => k.Id == made.Id).MakerId);
    }

    [Fact]
    public async Task InsertAsync_UnderARevokedOrUnknownMaker_StoresNothing()
    {
        var account = await NewAccountAsync();
        var maker = TestKeys.NewKey(account.Id, "maker", ApiKeyRole.AccountManagement).Record;
        await Node.Keys.InsertAsync(maker, Ct);
        await Node.Keys.RevokeAsync(maker.Id, TestKeys.Epoch, Ct);
        var latest = await MaxVersionAsync();

        // A key made while its maker was being revoked must not outlive it.
        Assert.False(await Node.Keys.InsertAsync(TestKeys.NewKey(account.Id).Record with { MakerId = maker.Id }, Ct));
        Assert.False(await Node.Keys.InsertAsync(TestKeys.NewKey(account.Id).Record with { MakerId = "key_missing" }, Ct));

        Assert.Empty(await Node.Keys.ReadChangesAsync(latest, Ct));
        Assert.Single(await Node.Keys.ListAsync(account.Id, Ct));
    }

    [Fact]
    public async Task RevokeAsync_KeyThatMadeKeys_RevokesItsWholeFamilyEachWithItsOwnNextVersion()
    {
        var account = await NewAccountAsync();
        var top = await InsertMadeByAsync(account.Id, null);
        var maker = await InsertMadeByAsync(account.Id, top.Id);
        var child = await InsertMadeByAsync(account.Id, maker.Id);
        var grandchild = await InsertMadeByAsync(account.Id, child.Id);
        var second = await InsertMadeByAsync(account.Id, maker.Id);
        var sibling = await InsertMadeByAsync(account.Id, top.Id);
        var earlier = await Node.Keys.RevokeAsync(second.Id, TestKeys.Epoch.AddMinutes(1), Ct);
        var latest = await MaxVersionAsync();
        var at = TestKeys.Epoch.AddHours(1);

        var revoked = await NewNode().Keys.RevokeAsync(maker.Id, at, Ct);

        Assert.Equal(TestKeys.Millis(at), revoked!.RevokedAt);
        var changes = await Node.Keys.ReadChangesAsync(latest, Ct);
        // One version each, above every version so far and consecutive: no poller can miss one.
        Assert.Equal([latest + 1, latest + 2, latest + 3], changes.Select(k => k.Version));
        Assert.Equal(new[] { maker.Id, child.Id, grandchild.Id }.Order(StringComparer.Ordinal), changes.Select(k => k.Id).Order(StringComparer.Ordinal));
        Assert.All(changes, k => Assert.Equal(TestKeys.Millis(at), k.RevokedAt));
        // A key already revoked keeps its time and version; the keys beside and above are untouched.
        Assert.Equal(earlier, await Node.Keys.FindAsync(second.Id, Ct));
        Assert.Null((await Node.Keys.FindAsync(sibling.Id, Ct))!.RevokedAt);
        Assert.Null((await Node.Keys.FindAsync(top.Id, Ct))!.RevokedAt);
    }

    [Fact]
    public async Task ReadChangesAsync_AfterAVersion_ReturnsCreatedRevokedAndUpdatedKeysInVersionOrder()
    {
        var account = await NewAccountAsync();
        var a = TestKeys.NewKey(account.Id, "a").Record;
        var b = TestKeys.NewKey(account.Id, "b").Record;
        var c = TestKeys.NewKey(account.Id, "c").Record;
        await Node.Keys.InsertAsync(a, Ct);
        await Node.Keys.InsertAsync(b, Ct);
        var seen = await MaxVersionAsync();
        await Node.Keys.RevokeAsync(a.Id, TestKeys.Epoch.AddHours(1), Ct);
        await Node.Keys.InsertAsync(c, Ct);
        await Node.Keys.UpdateLimitsAsync(b.Id, new KeyLimits(RequestsPerMinute: 60), Ct);

        var changes = await Node.Keys.ReadChangesAsync(seen, Ct);

        Assert.Equal([(a.Id, seen + 1), (c.Id, seen + 2), (b.Id, seen + 3)], changes.Select(k => (k.Id, k.Version)));
        Assert.True(changes[0].IsRevoked);
        Assert.Equal(60, changes[2].EffectiveLimits.RequestsPerMinute);
        Assert.Empty(await Node.Keys.ReadChangesAsync(seen + 3, Ct));
    }

    [Fact]
    public async Task UpdateLimitsAsync_EveryField_RoundTripsAndTakesTheNextVersion()
    {
        var account = await NewAccountAsync();
        var key = TestKeys.NewKey(account.Id).Record;
        await Node.Keys.InsertAsync(key, Ct);
        var latest = await MaxVersionAsync();
        var limits = new KeyLimits(
            SpendLimit: 50_000_000_000,
            DailySpendLimit: 2_000_000_000,
            MonthlySpendLimit: 30_000_000_000,
            RequestsPerMinute: 600,
            TokensPerMinute: 1_000_000,
            MaxConcurrentRequests: 16,
            ExpiresAt: TestKeys.Epoch.AddDays(90).AddTicks(1234));

        var updated = await NewNode().Keys.UpdateLimitsAsync(key.Id, limits, Ct);
        var found = await Node.Keys.FindAsync(key.Id, Ct);

        var expected = limits with { ExpiresAt = TestKeys.Millis(limits.ExpiresAt!.Value) };
        Assert.Equal(expected, updated!.Limits);
        Assert.Equal(expected, found!.Limits);
        Assert.Equal(latest + 1, updated.Version);
        Assert.Equal(updated.Version, found.Version);
        // Nothing else about the key changed.
        AssertSameKey(key, found);
    }

    [Fact]
    public async Task UpdateLimitsAsync_BackToNone_ClearsEveryField()
    {
        var account = await NewAccountAsync();
        var key = TestKeys.NewKey(account.Id).Record with { Limits = new KeyLimits(1, 2, 3, 4, 5, 6, TestKeys.Epoch) };
        await Node.Keys.InsertAsync(key, Ct);

        var cleared = await Node.Keys.UpdateLimitsAsync(key.Id, KeyLimits.None, Ct);

        Assert.Null(cleared!.Limits);
        Assert.Equal(KeyLimits.None, (await Node.Keys.FindAsync(key.Id, Ct))!.EffectiveLimits);
    }

    [Fact]
    public async Task UpdateLimitsAsync_UnknownId_ReturnsNullAndChangesNothing()
    {
        var latest = await MaxVersionAsync();

        Assert.Null(await Node.Keys.UpdateLimitsAsync("key_missing", new KeyLimits(SpendLimit: 1), Ct));
        Assert.Empty(await Node.Keys.ReadChangesAsync(latest, Ct));
    }

    [Fact]
    public async Task InsertAsync_SixteenConcurrentWriters_GetUniqueConsecutiveVersions()
    {
        var account = await NewAccountAsync();
        var keys = Enumerable.Range(0, 16).Select(i => TestKeys.NewKey(account.Id, $"k{i}").Record).ToArray();
        var nodes = Enumerable.Range(0, 4).Select(_ => NewNode()).ToArray();
        var before = await MaxVersionAsync();

        // Lined up behind the version lock (SQLite: the write lock), so they really contend for the next version.
        var writers = new List<Task>();
        await using (await Database.HoldLockAsync(StorageLock.KeyVersions, Ct))
        {
            writers.AddRange(keys.Select((key, i) => Task.Run(() => nodes[i % nodes.Length].Keys.InsertAsync(key, Ct), Ct)));
            await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        }

        await Task.WhenAll(writers);

        var changes = await Node.Keys.ReadChangesAsync(before, Ct);
        Assert.Equal(Enumerable.Range(1, keys.Length).Select(v => before + v), changes.Select(k => k.Version));
        Assert.Equal(keys.Select(k => k.Id).Order(StringComparer.Ordinal), changes.Select(k => k.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadChangesAsync_PolledWhileSixteenWritersChangeKeys_MissesNoChange()
    {
        var account = await NewAccountAsync();
        var nodes = Enumerable.Range(0, 4).Select(_ => NewNode()).ToArray();
        // One key per writer: a key changed twice keeps only its latest version, and the feed would rightly skip the first.
        var existing = Enumerable.Range(0, 16).Select(i => TestKeys.NewKey(account.Id, $"old{i}").Record).ToArray();
        foreach (var key in existing)
        {
            await Node.Keys.InsertAsync(key, Ct);
        }

        var baseline = await MaxVersionAsync();
        var seen = new List<long>();
        using var stop = new CancellationTokenSource();
        // A node's cache: polls for what changed after the highest version it saw, as ApiKeyCacheRefresher does.
        var poller = Task.Run(async () =>
        {
            var after = baseline;
            while (true)
            {
                var stopping = stop.IsCancellationRequested;
                foreach (var change in await Node.Keys.ReadChangesAsync(after, Ct))
                {
                    seen.Add(change.Version);
                    after = change.Version;
                }

                if (stopping)
                {
                    return;
                }
            }
        }, Ct);
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            var store = nodes[i % nodes.Length].Keys;
            switch (i % 3)
            {
                case 0: await store.InsertAsync(TestKeys.NewKey(account.Id, $"new{i}").Record, Ct); break;
                case 1: await store.RevokeAsync(existing[i].Id, TestKeys.Epoch, Ct); break;
                default: await store.UpdateLimitsAsync(existing[i].Id, new KeyLimits(RequestsPerMinute: i), Ct); break;
            }
        }, Ct)));
        await stop.CancelAsync();
        await poller;

        // Had a lower version become visible after a higher one, the poller would have moved past it for good.
        var written = (await Node.Keys.ReadChangesAsync(baseline, Ct)).Select(k => k.Version).ToArray();
        Assert.NotEmpty(written);
        Assert.Subset(seen.ToHashSet(), written.ToHashSet());
        Assert.Equal(Enumerable.Range(1, 16).Select(v => baseline + v), seen);
    }

    [Fact]
    public async Task MigrateAsync_KeysStoredBeforeScopes_UserKeysBecomeInferenceKeysAndAdminKeysStayAdmin()
    {
        var database = await Backend.CreateDatabaseAsync(migrated: false);
        await database.MigrateUpToAsync(LastVersionBeforeScopes, Ct);
        var before = NewNode(database);
        var account = TestKeys.NewAccount();
        await before.Accounts.InsertAsync(account, Ct);
        var user = TestKeys.NewKey(account.Id, "user key").Record;
        var admin = TestKeys.NewKey(account.Id, "admin key").Record;
        // The rows and numbers the code before scopes wrote: 0 for "user" (every key that was not an admin key), 1 for "admin".
        await InsertAsBeforeScopesAsync(database, user, 0);
        await InsertAsBeforeScopesAsync(database, admin, 1);
        var after = NewNode(database);

        await after.Migrator.MigrateAsync(Ct);

        var migratedUser = await after.Keys.FindAsync(user.Id, Ct);
        var migratedAdmin = await after.Keys.FindAsync(admin.Id, Ct);
        Assert.Equal(ApiKeyRole.Inference, migratedUser!.Role);
        Assert.False(migratedUser.ManagesItsAccount);
        Assert.Equal(ApiKeyRole.Admin, migratedAdmin!.Role);
    }

    [Fact]
    public async Task InsertAsync_ManagementKey_RoundTripsItsRoleStoredAsTwo()
    {
        var account = await NewAccountAsync();
        var key = TestKeys.NewKey(account.Id, "manager", ApiKeyRole.AccountManagement).Record;

        await Node.Keys.InsertAsync(key, Ct);

        var found = await NewNode().Keys.FindAsync(key.Id, Ct);
        Assert.Equal(ApiKeyRole.AccountManagement, found!.Role);
        Assert.True(found.ManagesItsAccount);
        // The stored numbers never change: nodes of another version read the same table.
        Assert.Equal(2L, await Database.ScalarInt64Async($"SELECT role FROM api_keys WHERE id = '{key.Id}'", Ct));
    }

    private async Task<ApiKeyRecord> InsertMadeByAsync(string accountId, string? makerId)
    {
        var key = TestKeys.NewKey(accountId, role: ApiKeyRole.AccountManagement).Record with { MakerId = makerId };
        Assert.True(await Node.Keys.InsertAsync(key, Ct));
        return key;
    }

    /// <summary>A key row with only the columns of the last schema before scopes.</summary>
    private static Task<int> InsertAsBeforeScopesAsync(TestDatabase database, ApiKeyRecord key, int role) => database.ExecuteAsync("""
        INSERT INTO api_keys (id, account_id, name, key_hash, last_four, role, allowed_models, created_at, revoked_at, version)
        VALUES (@id, @account, @name, @hash, @last4, @role, NULL, @created, NULL, (SELECT COALESCE(MAX(version), 0) + 1 FROM api_keys))
        """, Ct, ("id", key.Id), ("account", key.AccountId), ("name", key.Name), ("hash", key.Hash.ToArray()), ("last4", key.LastFour),
        ("role", role), ("created", key.CreatedAt.ToUnixTimeMilliseconds()));

    private async Task<Account> NewAccountAsync()
    {
        var account = TestKeys.NewAccount();
        await Node.Accounts.InsertAsync(account, Ct);
        return account;
    }

    private async Task<long> MaxVersionAsync() => await Database.ScalarInt64Async("SELECT COALESCE(MAX(version), 0) FROM api_keys", Ct);

    private static void AssertSameKey(ApiKeyRecord expected, ApiKeyRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.AccountId, actual.AccountId);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Hash, actual.Hash);
        Assert.Equal(expected.LastFour, actual.LastFour);
        Assert.Equal(expected.Role, actual.Role);
        Assert.Equal(expected.AllowedModels, actual.AllowedModels);
        Assert.Equal(expected.MakerId, actual.MakerId);
        Assert.Equal(TestKeys.Millis(expected.CreatedAt), actual.CreatedAt);
        Assert.Equal(expected.RevokedAt is { } revoked ? TestKeys.Millis(revoked) : null, actual.RevokedAt);
        Assert.True(actual.Version > 0, "the store assigns a version");
    }
}
