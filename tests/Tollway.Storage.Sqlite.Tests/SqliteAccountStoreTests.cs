using Microsoft.Data.Sqlite;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Storage.Sqlite.Tests;

public sealed class SqliteAccountStoreTests : IDisposable
{
    private readonly SqliteTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task InsertAsync_ThenFindAsync_RoundTripsTheAccountToTheMillisecond()
    {
        var store = new SqliteAccountStore(await _directory.NewMigratedDatabaseAsync());
        var account = TestKeys.NewAccount("acme");

        await store.InsertAsync(account, TestContext.Current.CancellationToken);
        var found = await store.FindAsync(account.Id, TestContext.Current.CancellationToken);

        Assert.Equal(account with { CreatedAt = TestKeys.TruncatedToMilliseconds(account.CreatedAt) }, found);
    }

    [Fact]
    public async Task FindAsync_UnknownId_ReturnsNull()
    {
        var store = new SqliteAccountStore(await _directory.NewMigratedDatabaseAsync());
        await store.InsertAsync(TestKeys.NewAccount(), TestContext.Current.CancellationToken);

        Assert.Null(await store.FindAsync("acct_missing", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InsertAsync_DuplicateId_ThrowsAndKeepsTheOriginal()
    {
        var store = new SqliteAccountStore(await _directory.NewMigratedDatabaseAsync());
        var account = TestKeys.NewAccount("original");
        await store.InsertAsync(account, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<SqliteException>(() => store.InsertAsync(account with { Name = "impostor" }, TestContext.Current.CancellationToken));

        Assert.Equal("original", (await store.FindAsync(account.Id, TestContext.Current.CancellationToken))?.Name);
    }

    [Fact]
    public async Task ListAsync_SeveralAccounts_ReturnsOldestFirstThenById()
    {
        var store = new SqliteAccountStore(await _directory.NewMigratedDatabaseAsync());
        var newest = TestKeys.NewAccount("newest", TestKeys.Epoch.AddDays(2));
        var oldest = TestKeys.NewAccount("oldest", TestKeys.Epoch);
        // Same creation time: the id breaks the tie, so listings are stable between calls.
        var tiedA = new Account("acct_A", "tied a", TestKeys.Epoch.AddDays(1));
        var tiedB = new Account("acct_B", "tied b", TestKeys.Epoch.AddDays(1));
        foreach (var account in new[] { newest, tiedB, oldest, tiedA })
        {
            await store.InsertAsync(account, TestContext.Current.CancellationToken);
        }

        var listed = await store.ListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["oldest", "tied a", "tied b", "newest"], listed.Select(a => a.Name));
    }

    [Fact]
    public async Task ListAsync_EmptyDatabase_ReturnsEmpty()
    {
        var store = new SqliteAccountStore(await _directory.NewMigratedDatabaseAsync());

        Assert.Empty(await store.ListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InsertFirstAccountAsync_EmptyDatabase_CreatesAccountAndAdminKey()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var store = new SqliteAccountStore(database);
        var account = TestKeys.NewAccount("operator");
        var adminKey = TestKeys.NewKey(account.Id, "operator admin key", ApiKeyRole.Admin).Record;

        var created = await store.InsertFirstAccountAsync(account, adminKey, TestContext.Current.CancellationToken);

        Assert.True(created);
        Assert.Equal(account.Id, (await store.FindAsync(account.Id, TestContext.Current.CancellationToken))?.Id);
        var key = await new SqliteApiKeyStore(database).FindAsync(adminKey.Id, TestContext.Current.CancellationToken);
        Assert.NotNull(key);
        Assert.Equal(ApiKeyRole.Admin, key.Role);
        Assert.Equal(account.Id, key.AccountId);
        Assert.Equal(adminKey.Hash, key.Hash);
    }

    [Fact]
    public async Task InsertFirstAccountAsync_AfterBootstrap_ReturnsFalseAndWritesNothing()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var store = new SqliteAccountStore(database);
        var first = TestKeys.NewAccount("operator");
        await store.InsertFirstAccountAsync(first, TestKeys.NewKey(first.Id, role: ApiKeyRole.Admin).Record, TestContext.Current.CancellationToken);
        var second = TestKeys.NewAccount("operator");

        var created = await store.InsertFirstAccountAsync(second, TestKeys.NewKey(second.Id, role: ApiKeyRole.Admin).Record, TestContext.Current.CancellationToken);

        Assert.False(created);
        Assert.Equal(1L, await RawSql.CountAsync(database, "accounts"));
        Assert.Equal(1L, await RawSql.CountAsync(database, "api_keys"));
        Assert.Null(await store.FindAsync(second.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InsertFirstAccountAsync_AnyAccountExists_ReturnsFalse()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var store = new SqliteAccountStore(database);
        // An account made by the admin API (no key) still means the database is not empty.
        await store.InsertAsync(TestKeys.NewAccount("customer"), TestContext.Current.CancellationToken);
        var account = TestKeys.NewAccount("operator");

        var created = await store.InsertFirstAccountAsync(account, TestKeys.NewKey(account.Id, role: ApiKeyRole.Admin).Record, TestContext.Current.CancellationToken);

        Assert.False(created);
        Assert.Equal(0L, await RawSql.CountAsync(database, "api_keys"));
    }

    [Fact]
    public async Task InsertFirstAccountAsync_KeyInsertFails_RollsBackTheAccount()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var store = new SqliteAccountStore(database);
        var account = TestKeys.NewAccount("operator");
        // The key points at an account that does not exist: the foreign key fails after the account row was written.
        var orphanKey = TestKeys.NewKey("acct_elsewhere", role: ApiKeyRole.Admin).Record;

        await Assert.ThrowsAsync<SqliteException>(() => store.InsertFirstAccountAsync(account, orphanKey, TestContext.Current.CancellationToken));

        // Nothing half-made is left behind, so the next start can still bootstrap.
        Assert.Equal(0L, await RawSql.CountAsync(database, "accounts"));
        Assert.True(await store.InsertFirstAccountAsync(account, TestKeys.NewKey(account.Id, role: ApiKeyRole.Admin).Record, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InsertFirstAccountAsync_EightConcurrentCallsOnEmptyDatabase_ExactlyOneSucceeds()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        // Left alone, eight short transactions rarely overlap. Holding the write lock lines them all up at the door,
        // so a check that read outside the lock would see an empty table in every one of them.
        await using var blocker = await database.OpenAsync(TestContext.Current.CancellationToken);
        await using var writeLock = (SqliteTransaction)await blocker.BeginTransactionAsync(TestContext.Current.CancellationToken);
        // One store per call over its own SqliteDatabase: eight nodes starting at once against one file.
        var attempts = Enumerable.Range(0, 8).Select(i =>
        {
            var store = new SqliteAccountStore(new SqliteDatabase(database.Path));
            var account = TestKeys.NewAccount($"operator {i}");
            var key = TestKeys.NewKey(account.Id, role: ApiKeyRole.Admin).Record;
            return Task.Run(() => store.InsertFirstAccountAsync(account, key, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        }).ToArray();
        // Nothing observable says all eight are waiting; too short a pause only makes the test weaker, never flaky.
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        await writeLock.RollbackAsync(TestContext.Current.CancellationToken);

        var results = await Task.WhenAll(attempts);

        Assert.Single(results, created => created);
        Assert.Equal(1L, await RawSql.CountAsync(database, "accounts"));
        Assert.Equal(1L, await RawSql.CountAsync(database, "api_keys"));
        // The one key belongs to the one account: no account from one winner with a key from another.
        Assert.Equal(1L, await RawSql.ScalarAsync(database, "SELECT COUNT(*) FROM api_keys k JOIN accounts a ON a.id = k.account_id"));
    }
}
