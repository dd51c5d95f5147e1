using Tollway.Gateway.Ledger;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

/// <summary>Balance leases: how nodes share one customer's balance, on every backend.</summary>
public abstract class LeaseTests(StorageBackend backend) : StorageTests(backend)
{
    private static readonly DateTimeOffset InAMinute = Start.AddMinutes(1);

    [Fact]
    public async Task AcquireLeaseAsync_WithinFreeBalance_GrantsAllAndReportsBalanceAndLeased()
    {
        var account = await FundedAccountAsync(1_000);

        var grant = await Node.Ledger.AcquireLeaseAsync(account, "node-a", 600, InAMinute, Ct);

        Assert.Equal(new LeaseGrant(Granted: 600, Balance: 1_000, Leased: 600), grant);
        Assert.Equal(600, await Node.Ledger.GetLeasedAsync(account, Ct));
        // A lease reserves; it moves no money.
        Assert.Equal(1_000, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_MoreThanIsFree_GrantsWhatIsLeftAndAddsToTheNodesLease()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 600, InAMinute, Ct);

        var second = await Node.Ledger.AcquireLeaseAsync(account, "node-a", 600, InAMinute, Ct);
        var third = await Node.Ledger.AcquireLeaseAsync(account, "node-a", 600, InAMinute, Ct);

        Assert.Equal(new LeaseGrant(400, 1_000, 1_000), second);
        Assert.Equal(new LeaseGrant(0, 1_000, 1_000), third);
        Assert.Equal(1_000L, await Database.ScalarInt64Async($"SELECT amount FROM balance_leases WHERE account_id = '{account}' AND node_id = 'node-a'", Ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_TwoNodes_CannotTogetherLeaseMoreThanTheBalance()
    {
        var account = await FundedAccountAsync(1_000);

        var a = await Node.Ledger.AcquireLeaseAsync(account, "node-a", 700, InAMinute, Ct);
        var b = await NewNode().Ledger.AcquireLeaseAsync(account, "node-b", 700, InAMinute, Ct);

        Assert.Equal(700, a.Granted);
        Assert.Equal(300, b.Granted);
        Assert.Equal(1_000, b.Leased);
        Assert.Equal(1_000, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_AccountWithoutMoney_GrantsNothing()
    {
        var grant = await Node.Ledger.AcquireLeaseAsync(Books.NewAccountId(), "node-a", 500, InAMinute, Ct);

        Assert.Equal(new LeaseGrant(0, 0, 0), grant);
    }

    [Fact]
    public async Task AcquireLeaseAsync_NegativeAmount_GrantsNothingAndTakesNothingBack()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 300, InAMinute, Ct);

        var grant = await Node.Ledger.AcquireLeaseAsync(account, "node-a", -200, InAMinute, Ct);

        Assert.Equal(new LeaseGrant(0, 1_000, 300), grant);
        Assert.Equal(300, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_AnotherNodesLeaseExpired_IgnoresIt()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-dead", 700, Start.AddSeconds(30), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));

        var grant = await Node.Ledger.AcquireLeaseAsync(account, "node-b", 1_000, Time.GetUtcNow().AddMinutes(1), Ct);

        Assert.Equal(1_000, grant.Granted);
        Assert.Equal(1_000, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_OwnLeaseExpired_StillCountsIt()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 700, Start.AddSeconds(30), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));

        // The node is alive (it is asking) and may still be charging against what it holds.
        var grant = await Node.Ledger.AcquireLeaseAsync(account, "node-a", 700, Time.GetUtcNow().AddMinutes(1), Ct);

        Assert.Equal(new LeaseGrant(300, 1_000, 1_000), grant);
        // The new expiry covers the whole lease again.
        Assert.Equal(1_000, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task DeleteExpiredLeasesAsync_ExpiredAndLiveLeases_DeletesOnlyTheExpired()
    {
        var database = await Backend.CreateDatabaseAsync();
        var node = NewNode(database);
        var account = await FundedAccountAsync(1_000, node);
        await node.Ledger.AcquireLeaseAsync(account, "node-dead", 300, Start.AddSeconds(30), Ct);
        await node.Ledger.AcquireLeaseAsync(account, "node-edge", 300, Start.AddSeconds(60), Ct);
        await node.Ledger.AcquireLeaseAsync(account, "node-live", 300, Start.AddMinutes(5), Ct);

        // Expiry is inclusive: a lease that expires now is gone.
        var deleted = await node.Ledger.DeleteExpiredLeasesAsync(Start.AddSeconds(60), Ct);

        Assert.Equal(2, deleted);
        Assert.Equal(["node-live"], (await database.RowsAsync("SELECT node_id FROM balance_leases", Ct)).Select(r => (string)r[0]!));
        Assert.Equal(0, await node.Ledger.DeleteExpiredLeasesAsync(Start.AddSeconds(60), Ct));
    }

    [Fact]
    public async Task GetLeasedAsync_ExpiredLeases_AreNotCounted()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 200, Start.AddSeconds(30), Ct);
        await Node.Ledger.AcquireLeaseAsync(account, "node-b", 300, Start.AddMinutes(5), Ct);

        Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(300, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task ReleaseLeaseAsync_Part_ReturnsItToTheAccount()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 700, InAMinute, Ct);

        await Node.Ledger.ReleaseLeaseAsync(account, "node-a", 200, Ct);

        Assert.Equal(500, await Node.Ledger.GetLeasedAsync(account, Ct));
        Assert.Equal(500, (await NewNode().Ledger.AcquireLeaseAsync(account, "node-b", 1_000, InAMinute, Ct)).Granted);
    }

    [Fact]
    public async Task ReleaseLeaseAsync_MoreThanHeld_DeletesTheLeaseWithoutGoingNegative()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 700, InAMinute, Ct);
        await Node.Ledger.AcquireLeaseAsync(account, "node-b", 100, InAMinute, Ct);

        await Node.Ledger.ReleaseLeaseAsync(account, "node-a", 5_000, Ct);
        await Node.Ledger.ReleaseLeaseAsync(account, "node-never", 5_000, Ct);

        Assert.Equal(100, await Node.Ledger.GetLeasedAsync(account, Ct));
        Assert.Equal(["node-b"], (await Database.RowsAsync($"SELECT node_id FROM balance_leases WHERE account_id = '{account}'", Ct)).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task RenewLeasesAsync_Node_MovesTheExpiryOfEveryLeaseItHoldsOnly()
    {
        var first = await FundedAccountAsync(1_000);
        var second = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(first, "node-a", 400, Start.AddSeconds(30), Ct);
        await Node.Ledger.AcquireLeaseAsync(second, "node-a", 500, Start.AddSeconds(30), Ct);
        await Node.Ledger.AcquireLeaseAsync(first, "node-b", 100, Start.AddSeconds(30), Ct);

        await Node.Ledger.RenewLeasesAsync("node-a", Start.AddMinutes(2), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(400, await Node.Ledger.GetLeasedAsync(first, Ct));
        Assert.Equal(500, await Node.Ledger.GetLeasedAsync(second, Ct));
        // node-b did not renew: its slice is free again for anyone.
        Assert.Equal(600, (await NewNode().Ledger.AcquireLeaseAsync(first, "node-c", 1_000, Start.AddMinutes(3), Ct)).Granted);
    }

    private async Task<string> FundedAccountAsync(long amount, StorageNode? node = null)
    {
        var account = Books.NewAccountId();
        await (node ?? Node).Ledger.PostAsync(Books.Credit(account, amount), Ct);
        return account;
    }
}
