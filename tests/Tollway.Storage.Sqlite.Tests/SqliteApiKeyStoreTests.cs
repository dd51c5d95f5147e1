using Microsoft.Data.Sqlite;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Storage.Sqlite.Tests;

public sealed class SqliteApiKeyStoreTests : IDisposable
{
    private readonly SqliteTestDirectory _directory = new();
    private SqliteDatabase? _database;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task InsertAsync_UserKeyWithAllowedModels_FindAsyncRoundTripsEveryField()
    {
        var (store, account) = await NewStoreAsync();
        var key = TestKeys.NewKey(account.Id, "ci key", ApiKeyRole.Inference, ["gpt-4o-mini", "text-embedding-3-small"]).Record;

        await store.InsertAsync(key, TestContext.Current.CancellationToken);
        var found = await store.FindAsync(key.Id, TestContext.Current.CancellationToken);

        AssertSameKey(key, found);
        Assert.Equal(["gpt-4o-mini", "text-embedding-3-small"], found!.AllowedModels!);
        Assert.Null(found.RevokedAt);
        Assert.Equal(1L, found.Version);
    }

    [Fact]
    public async Task InsertAsync_AdminKeyWithoutModelList_FindAsyncKeepsNullRatherThanEmpty()
    {
        var (store, account) = await NewStoreAsync();
        var key = TestKeys.NewKey(account.Id, "operator admin key", ApiKeyRole.Admin, allowedModels: null).Record;

        await store.InsertAsync(key, TestContext.Current.CancellationToken);
        var found = await store.FindAsync(key.Id, TestContext.Current.CancellationToken);

        AssertSameKey(key, found);
        // Null means every model; an empty list would lock the key out of all of them.
        Assert.Null(found!.AllowedModels);
        Assert.True(found.Allows("any-model"));
    }

    [Fact]
    public async Task InsertAsync_AlreadyRevokedKey_RoundTripsTheRevocationTime()
    {
        var (store, account) = await NewStoreAsync();
        var key = TestKeys.NewKey(account.Id).Record with { RevokedAt = TestKeys.Epoch.AddMinutes(5) };

        await store.InsertAsync(key, TestContext.Current.CancellationToken);

        AssertSameKey(key, await store.FindAsync(key.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InsertAsync_KeyForUnknownAccount_ThrowsForeignKeyViolation()
    {
        var (store, _) = await NewStoreAsync();

        var error = await Assert.ThrowsAsync<SqliteException>(
            () => store.InsertAsync(TestKeys.NewKey("acct_missing").Record, TestContext.Current.CancellationToken));

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    [Fact]
    public async Task InsertAsync_SameHashTwice_Throws()
    {
        var (store, account) = await NewStoreAsync();
        var key = TestKeys.NewKey(account.Id).Record;
        await store.InsertAsync(key, TestContext.Current.CancellationToken);

        // Two records for one secret would make authentication ambiguous.
        await Assert.ThrowsAsync<SqliteException>(
            () => store.InsertAsync(key with { Id = "key_other" }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FindAsync_UnknownId_ReturnsNull()
    {
        var (store, account) = await NewStoreAsync();
        await store.InsertAsync(TestKeys.NewKey(account.Id).Record, TestContext.Current.CancellationToken);

        Assert.Null(await store.FindAsync("key_missing", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ListAsync_AccountId_ReturnsOnlyThatAccountsKeysOldestFirst()
    {
        var (store, mine) = await NewStoreAsync();
        var theirs = await AddAccountAsync();
        var newer = TestKeys.NewKey(mine.Id, "newer", createdAt: TestKeys.Epoch.AddHours(1)).Record;
        var older = TestKeys.NewKey(mine.Id, "older", createdAt: TestKeys.Epoch).Record;
        var other = TestKeys.NewKey(theirs.Id, "other", createdAt: TestKeys.Epoch.AddMinutes(30)).Record;
        foreach (var key in new[] { newer, other, older })
        {
            await store.InsertAsync(key, TestContext.Current.CancellationToken);
        }

        var listed = await store.ListAsync(mine.Id, TestContext.Current.CancellationToken);

        Assert.Equal(["older", "newer"], listed.Select(k => k.Name));
        Assert.All(listed, k => Assert.Equal(mine.Id, k.AccountId));
    }

    [Fact]
    public async Task ListAsync_NullAccount_ReturnsEveryKeyOldestFirst()
    {
        var (store, mine) = await NewStoreAsync();
        var theirs = await AddAccountAsync();
        await store.InsertAsync(TestKeys.NewKey(theirs.Id, "second", createdAt: TestKeys.Epoch.AddSeconds(1)).Record, TestContext.Current.CancellationToken);
        await store.InsertAsync(TestKeys.NewKey(mine.Id, "first", createdAt: TestKeys.Epoch).Record, TestContext.Current.CancellationToken);

        var listed = await store.ListAsync(null, TestContext.Current.CancellationToken);

        Assert.Equal(["first", "second"], listed.Select(k => k.Name));
    }

    [Fact]
    public async Task ListAsync_UnknownAccount_ReturnsEmpty()
    {
        var (store, account) = await NewStoreAsync();
        await store.InsertAsync(TestKeys.NewKey(account.Id).Record, TestContext.Current.CancellationToken);

        Assert.Empty(await store.ListAsync("acct_missing", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RevokeAsync_LiveKey_SetsRevokedAtAndTakesTheNextVersion()
    {
        var (store, account) = await NewStoreAsync();
        var target = TestKeys.NewKey(account.Id, "target").Record;
        await store.InsertAsync(target, TestContext.Current.CancellationToken);
        await store.InsertAsync(TestKeys.NewKey(account.Id, "later").Record, TestContext.Current.CancellationToken);
        var revokedAt = TestKeys.Epoch.AddDays(1).AddTicks(4321);

        var revoked = await store.RevokeAsync(target.Id, revokedAt, TestContext.Current.CancellationToken);

        Assert.NotNull(revoked);
        Assert.Equal(TestKeys.TruncatedToMilliseconds(revokedAt), revoked.RevokedAt);
        // Above every version so far (the later key has 2), so pollers that already saw version 2 still see the revocation.
        Assert.Equal(3L, revoked.Version);
        var found = await store.FindAsync(target.Id, TestContext.Current.CancellationToken);
        Assert.Equal(revoked.RevokedAt, found?.RevokedAt);
        Assert.Equal(revoked.Version, found?.Version);
        Assert.Equal(target.Hash, revoked.Hash);
    }

    [Fact]
    public async Task RevokeAsync_UnknownId_ReturnsNullAndChangesNothing()
    {
        var (store, account) = await NewStoreAsync();
        var key = TestKeys.NewKey(account.Id).Record;
        await store.InsertAsync(key, TestContext.Current.CancellationToken);

        var revoked = await store.RevokeAsync("key_missing", TestKeys.Epoch, TestContext.Current.CancellationToken);

        Assert.Null(revoked);
        Assert.Empty(await store.ReadChangesAsync(1, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RevokeAsync_Twice_KeepsTheFirstTimeAndVersion()
    {
        var (store, account) = await NewStoreAsync();
        var key = TestKeys.NewKey(account.Id).Record;
        await store.InsertAsync(key, TestContext.Current.CancellationToken);
        var first = await store.RevokeAsync(key.Id, TestKeys.Epoch.AddHours(1), TestContext.Current.CancellationToken);

        var second = await store.RevokeAsync(key.Id, TestKeys.Epoch.AddHours(2), TestContext.Current.CancellationToken);

        Assert.NotNull(second);
        Assert.Equal(first!.RevokedAt, second.RevokedAt);
        Assert.Equal(TestKeys.TruncatedToMilliseconds(TestKeys.Epoch.AddHours(1)), second.RevokedAt);
        // A no-op revocation must not wake every node's cache.
        Assert.Equal(first.Version, second.Version);
    }

    [Fact]
    public async Task ReadChangesAsync_AfterAVersion_ReturnsCreatedAndRevokedKeysInVersionOrder()
    {
        var (store, account) = await NewStoreAsync();
        var a = TestKeys.NewKey(account.Id, "a").Record;
        var b = TestKeys.NewKey(account.Id, "b").Record;
        var c = TestKeys.NewKey(account.Id, "c").Record;
        await store.InsertAsync(a, TestContext.Current.CancellationToken);                                       // v1
        await store.InsertAsync(b, TestContext.Current.CancellationToken);                                       // v2
        var seen = (await store.ReadChangesAsync(0, TestContext.Current.CancellationToken)).Max(k => k.Version);
        await store.RevokeAsync(a.Id, TestKeys.Epoch.AddHours(1), TestContext.Current.CancellationToken);        // a -> v3
        await store.InsertAsync(c, TestContext.Current.CancellationToken);                                       // v4

        var changes = await store.ReadChangesAsync(seen, TestContext.Current.CancellationToken);

        Assert.Equal(2L, seen);
        Assert.Equal([(a.Id, true, 3L), (c.Id, false, 4L)], changes.Select(k => (k.Id, k.IsRevoked, k.Version)));
    }

    [Fact]
    public async Task ReadChangesAsync_FromZero_ReturnsEveryKeyWithStrictlyIncreasingUniqueVersions()
    {
        var (store, account) = await NewStoreAsync();
        var keys = Enumerable.Range(0, 6).Select(i => TestKeys.NewKey(account.Id, $"k{i}").Record).ToArray();
        foreach (var key in keys)
        {
            await store.InsertAsync(key, TestContext.Current.CancellationToken);
        }

        await store.RevokeAsync(keys[1].Id, TestKeys.Epoch, TestContext.Current.CancellationToken);
        await store.RevokeAsync(keys[4].Id, TestKeys.Epoch, TestContext.Current.CancellationToken);

        var changes = await store.ReadChangesAsync(0, TestContext.Current.CancellationToken);

        Assert.Equal(keys.Length, changes.Count);
        Assert.Equal(keys.Select(k => k.Id).Order(StringComparer.Ordinal), changes.Select(k => k.Id).Order(StringComparer.Ordinal));
        for (var i = 1; i < changes.Count; i++)
        {
            Assert.True(changes[i].Version > changes[i - 1].Version, $"version {changes[i].Version} after {changes[i - 1].Version}");
        }

        // The revoked keys moved to the end of the feed, in the order they were revoked.
        Assert.Equal([keys[1].Id, keys[4].Id], changes.TakeLast(2).Select(k => k.Id));
    }

    [Fact]
    public async Task ReadChangesAsync_AfterMaxVersion_ReturnsNothing()
    {
        var (store, account) = await NewStoreAsync();
        var key = TestKeys.NewKey(account.Id).Record;
        await store.InsertAsync(key, TestContext.Current.CancellationToken);
        await store.RevokeAsync(key.Id, TestKeys.Epoch, TestContext.Current.CancellationToken);
        var max = (await store.ReadChangesAsync(0, TestContext.Current.CancellationToken)).Max(k => k.Version);

        Assert.Empty(await store.ReadChangesAsync(max, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InsertAsync_ConcurrentWriters_GetUniqueConsecutiveVersions()
    {
        var (store, account) = await NewStoreAsync();
        var keys = Enumerable.Range(0, 16).Select(i => TestKeys.NewKey(account.Id, $"k{i}").Record).ToArray();

        // Separate SqliteDatabase instances: writers in different processes computing MAX(version) + 1 at once.
        await Task.WhenAll(keys.Select(key => Task.Run(
            () => new SqliteApiKeyStore(new SqliteDatabase(_database!.Path)).InsertAsync(key, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken)));

        var changes = await store.ReadChangesAsync(0, TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(1, keys.Length).Select(v => (long)v), changes.Select(k => k.Version));
    }

    [Fact]
    public async Task InsertAsync_GeneratedKey_StoresOnlyTheHashNeverThePlaintext()
    {
        var (store, account) = await NewStoreAsync();
        var created = TestKeys.NewKey(account.Id);
        Assert.True(ApiKeyFormat.LooksLikeKey(created.PlaintextKey));

        await store.InsertAsync(created.Record, TestContext.Current.CancellationToken);
        await store.RevokeAsync(created.Record.Id, TestKeys.Epoch, TestContext.Current.CancellationToken);

        var storedHash = (byte[])(await RawSql.ScalarAsync(_database!, $"SELECT key_hash FROM api_keys WHERE id = '{created.Record.Id}'"))!;
        Assert.Equal(KeyHash.Compute(created.PlaintextKey).ToArray(), storedHash);
        // Everything SQLite wrote: the main file and, in WAL mode, the -wal file where recent pages live until a checkpoint.
        var files = Directory.GetFiles(_directory.Path).Select(ReadShared).ToArray();
        // The scan must be able to find what is there, or not finding the plaintext would prove nothing.
        Assert.Contains(files, bytes => bytes.AsSpan().IndexOf(storedHash) >= 0);
        var randomPart = created.PlaintextKey[ApiKeyFormat.Prefix.Length..];
        foreach (var needle in new[] { System.Text.Encoding.UTF8.GetBytes(randomPart), System.Text.Encoding.Unicode.GetBytes(randomPart) })
        {
            Assert.DoesNotContain(files, bytes => bytes.AsSpan().IndexOf(needle) >= 0);
        }
    }

    private static byte[] ReadShared(string path)
    {
        // SQLite still has the files open through pooled connections.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static void AssertSameKey(ApiKeyRecord expected, ApiKeyRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.AccountId, actual.AccountId);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Hash.ToArray(), actual.Hash.ToArray());
        Assert.Equal(expected.LastFour, actual.LastFour);
        Assert.Equal(expected.Role, actual.Role);
        Assert.Equal(expected.AllowedModels, actual.AllowedModels);
        Assert.Equal(TestKeys.TruncatedToMilliseconds(expected.CreatedAt), actual.CreatedAt);
        Assert.Equal(expected.RevokedAt is { } revoked ? TestKeys.TruncatedToMilliseconds(revoked) : null, actual.RevokedAt);
        Assert.True(actual.Version > 0, "the store assigns a version");
    }

    private async Task<(SqliteApiKeyStore Store, Account Account)> NewStoreAsync()
    {
        _database = await _directory.NewMigratedDatabaseAsync();
        return (new SqliteApiKeyStore(_database), await AddAccountAsync());
    }

    private async Task<Account> AddAccountAsync()
    {
        var account = TestKeys.NewAccount();
        await new SqliteAccountStore(_database!).InsertAsync(account, TestContext.Current.CancellationToken);
        return account;
    }
}
