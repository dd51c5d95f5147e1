using System.Data.Common;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Accounts;

/// <summary><see cref="IAccountStore"/> on every backend, and the bootstrap race of several nodes starting at once.</summary>
public abstract class AccountStoreTests(StorageBackend backend) : StorageTests(backend)
{
    [Fact]
    public async Task InsertAsync_ThenFindAsync_RoundTripsTheAccountToTheMillisecond()
    {
        var account = TestKeys.NewAccount("acme");

        await Node.Accounts.InsertAsync(account, Ct);
        var found = await NewNode().Accounts.FindAsync(account.Id, Ct);

        Assert.Equal(account with { CreatedAt = TestKeys.Millis(account.CreatedAt) }, found);
    }

    [Fact]
    public async Task FindAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await Node.Accounts.FindAsync("acct_missing", Ct));
    }

    [Fact]
    public async Task InsertAsync_DuplicateId_ThrowsAndKeepsTheOriginal()
    {
        var account = TestKeys.NewAccount("original");
        await Node.Accounts.InsertAsync(account, Ct);

        await Assert.ThrowsAnyAsync<DbException>(() => Node.Accounts.InsertAsync(account with { Name = "impostor" }, Ct));

        Assert.Equal("original", (await Node.Accounts.FindAsync(account.Id, Ct))?.Name);
    }

    [Fact]
    public async Task ListAsync_SeveralAccounts_ReturnsOldestFirstThenById()
    {
        var node = NewNode(await Backend.CreateDatabaseAsync());
        // Same creation time: the id breaks the tie, byte-wise (upper case first), so listings are stable everywhere.
        var accounts = new[]
        {
            TestKeys.NewAccount("newest", TestKeys.Epoch.AddDays(2)),
            new Account("acct_b", "tied b", TestKeys.Epoch.AddDays(1)),
            TestKeys.NewAccount("oldest", TestKeys.Epoch),
            new Account("acct_a", "tied a", TestKeys.Epoch.AddDays(1)),
            new Account("acct_B", "tied B", TestKeys.Epoch.AddDays(1)),
        };
        foreach (var account in accounts)
        {
            await node.Accounts.InsertAsync(account, Ct);
        }

        var listed = await node.Accounts.ListAsync(Ct);

        Assert.Equal(["oldest", "tied B", "tied a", "tied b", "newest"], listed.Select(a => a.Name));
    }

    [Fact]
    public async Task ListAsync_EmptyDatabase_ReturnsEmpty()
    {
        Assert.Empty(await NewNode(await Backend.CreateDatabaseAsync()).Accounts.ListAsync(Ct));
    }

    [Fact]
    public async Task InsertFirstAccountAsync_EmptyDatabase_CreatesAccountAndAdminKey()
    {
        var node = NewNode(await Backend.CreateDatabaseAsync());
        var account = TestKeys.NewAccount("operator");
        var adminKey = TestKeys.NewKey(account.Id, "operator admin key", ApiKeyRole.Admin).Record;

        var created = await node.Accounts.InsertFirstAccountAsync(account, adminKey, Ct);

        Assert.True(created);
        Assert.Equal(account.Id, (await node.Accounts.FindAsync(account.Id, Ct))?.Id);
        var key = await node.Keys.FindAsync(adminKey.Id, Ct);
        Assert.NotNull(key);
        Assert.Equal(ApiKeyRole.Admin, key.Role);
        Assert.Equal(account.Id, key.AccountId);
        Assert.Equal(adminKey.Hash, key.Hash);
        // The key is in the version feed like any other, or the caches of running nodes would never learn of it.
        Assert.Equal([adminKey.Id], (await node.Keys.ReadChangesAsync(0, Ct)).Select(k => k.Id));
    }

    [Fact]
    public async Task InsertFirstAccountAsync_AfterBootstrap_ReturnsFalseAndWritesNothing()
    {
        var database = await Backend.CreateDatabaseAsync();
        var node = NewNode(database);
        var first = TestKeys.NewAccount("operator");
        await node.Accounts.InsertFirstAccountAsync(first, TestKeys.NewKey(first.Id, role: ApiKeyRole.Admin).Record, Ct);
        var second = TestKeys.NewAccount("operator");

        var created = await NewNode(database).Accounts.InsertFirstAccountAsync(second, TestKeys.NewKey(second.Id, role: ApiKeyRole.Admin).Record, Ct);

        Assert.False(created);
        Assert.Equal(1L, await database.CountAsync("accounts", Ct));
        Assert.Equal(1L, await database.CountAsync("api_keys", Ct));
        Assert.Null(await node.Accounts.FindAsync(second.Id, Ct));
    }

    [Fact]
    public async Task InsertFirstAccountAsync_AnyAccountExists_ReturnsFalse()
    {
        var database = await Backend.CreateDatabaseAsync();
        var node = NewNode(database);
        // An account made by the admin API (no key) still means the database is not empty.
        await node.Accounts.InsertAsync(TestKeys.NewAccount("customer"), Ct);
        var account = TestKeys.NewAccount("operator");

        Assert.False(await node.Accounts.InsertFirstAccountAsync(account, TestKeys.NewKey(account.Id, role: ApiKeyRole.Admin).Record, Ct));
        Assert.Equal(0L, await database.CountAsync("api_keys", Ct));
    }

    [Fact]
    public async Task InsertFirstAccountAsync_KeyInsertFails_RollsBackTheAccount()
    {
        var database = await Backend.CreateDatabaseAsync();
        var node = NewNode(database);
        var account = TestKeys.NewAccount("operator");
        // The key points at an account that does not exist: the foreign key fails after the account row was written.
        var orphanKey = TestKeys.NewKey("acct_elsewhere", role: ApiKeyRole.Admin).Record;

        await Assert.ThrowsAnyAsync<DbException>(() => node.Accounts.InsertFirstAccountAsync(account, orphanKey, Ct));

        // Nothing half-made is left behind, so the next start can still bootstrap.
        Assert.Equal(0L, await database.CountAsync("accounts", Ct));
        Assert.True(await node.Accounts.InsertFirstAccountAsync(account, TestKeys.NewKey(account.Id, role: ApiKeyRole.Admin).Record, Ct));
    }

    [Fact]
    public async Task InsertFirstAccountAsync_EightNodesAtOnceOnAnEmptyDatabase_ExactlyOneSucceeds()
    {
        var database = await Backend.CreateDatabaseAsync();
        var attempts = new List<Task<bool>>();
        // Left alone, eight short transactions rarely overlap. Holding the door lines them all up behind it, so a
        // check made outside the lock would see an empty table in every one of them.
        await using (await database.HoldLockAsync(StorageLock.Bootstrap, Ct))
        {
            for (var i = 0; i < 8; i++)
            {
                var store = NewNode(database).Accounts;
                var account = TestKeys.NewAccount($"operator {i}");
                var key = TestKeys.NewKey(account.Id, role: ApiKeyRole.Admin).Record;
                attempts.Add(Task.Run(() => store.InsertFirstAccountAsync(account, key, Ct), Ct));
            }

            // Nothing observable says all eight are waiting; too short a pause only makes the test weaker, never flaky.
            await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        }

        var results = await Task.WhenAll(attempts);

        Assert.Single(results, created => created);
        Assert.Equal(1L, await database.CountAsync("accounts", Ct));
        Assert.Equal(1L, await database.CountAsync("api_keys", Ct));
        // The one key belongs to the one account: no account from one winner with a key from another.
        Assert.Equal(1L, await database.ScalarInt64Async("SELECT COUNT(*) FROM api_keys k JOIN accounts a ON a.id = k.account_id", Ct));
    }
}
