using Tollway.Gateway.Money.Ledger;
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

        var grant = await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 600, InAMinute, Ct);

        // A node without a lease there names none (0): it gets a new lease, id 1.
        Assert.Equal(new LeaseGrant(Granted: 600, Balance: 1_000, Leased: 600, LeaseId: 1, NodeLeased: 600), grant);
        Assert.Equal(600, await Node.Ledger.GetLeasedAsync(account, Ct));
        // A lease reserves; it moves no money.
        Assert.Equal(1_000, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_SameLeaseAgain_GrowsItWithWhatIsLeft()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 600, InAMinute, Ct);

        var second = await Node.Ledger.AcquireLeaseAsync(account, "node-a", 1, 600, InAMinute, Ct);
        var third = await Node.Ledger.AcquireLeaseAsync(account, "node-a", 1, 600, InAMinute, Ct);

        Assert.Equal(new LeaseGrant(400, 1_000, 1_000, 1, 1_000), second);
        Assert.Equal(new LeaseGrant(0, 1_000, 1_000, 1, 1_000), third);
        Assert.Equal(1_000L, await Database.ScalarInt64Async($"SELECT amount FROM balance_leases WHERE account_id = '{account}' AND node_id = 'node-a'", Ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_TwoNodes_CannotTogetherLeaseMoreThanTheBalance()
    {
        var account = await FundedAccountAsync(1_000);

        var a = await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 700, InAMinute, Ct);
        var b = await NewNode().Ledger.AcquireLeaseAsync(account, "node-b", 0, 700, InAMinute, Ct);

        Assert.Equal(700, a.Granted);
        Assert.Equal(300, b.Granted);
        Assert.Equal(1_000, b.Leased);
        Assert.Equal(1_000, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_AccountWithoutMoney_GrantsNothing()
    {
        var grant = await Node.Ledger.AcquireLeaseAsync(Books.NewAccountId(), "node-a", 0, 500, InAMinute, Ct);

        Assert.Equal(new LeaseGrant(0, 0, 0, 1, 0), grant);
    }

    [Fact]
    public async Task AcquireLeaseAsync_NegativeAmount_GrantsNothingAndTakesNothingBack()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 300, InAMinute, Ct);

        var grant = await Node.Ledger.AcquireLeaseAsync(account, "node-a", 1, -200, InAMinute, Ct);

        Assert.Equal(new LeaseGrant(0, 1_000, 300, 1, 300), grant);
        Assert.Equal(300, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_AnotherNodesLeaseExpired_IgnoresAndDeletesIt()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-dead", 0, 700, Start.AddSeconds(30), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));

        var grant = await Node.Ledger.AcquireLeaseAsync(account, "node-b", 0, 1_000, Time.GetUtcNow().AddMinutes(1), Ct);

        Assert.Equal(1_000, grant.Granted);
        Assert.Equal(1_000, await Node.Ledger.GetLeasedAsync(account, Ct));
        Assert.Equal(["node-b"], (await Database.RowsAsync($"SELECT node_id FROM balance_leases WHERE account_id = '{account}'", Ct)).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task AcquireLeaseAsync_OwnLeaseExpired_StartsANewLeaseWithoutIt()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 700, Start.AddSeconds(30), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));

        // The node was paused past its lease: for every other node that money was free, so the lease is dead for its
        // own node too. The answer names a new lease, which tells the node to stop holding against the old one.
        var grant = await Node.Ledger.AcquireLeaseAsync(account, "node-a", 1, 400, Time.GetUtcNow().AddMinutes(1), Ct);

        Assert.Equal(new LeaseGrant(400, 1_000, 400, 2, 400), grant);
        Assert.Equal(400, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_OwnExpiredLeaseLeasedByAnotherNodeSince_IsNotGrownAgain()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 700, Start.AddSeconds(30), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));
        await NewNode().Ledger.AcquireLeaseAsync(account, "node-b", 0, 1_000, Time.GetUtcNow().AddMinutes(1), Ct);

        var grant = await Node.Ledger.AcquireLeaseAsync(account, "node-a", 1, 100, Time.GetUtcNow().AddMinutes(1), Ct);

        // Growing the expired lease would have made its 700 live again beside node B's 1,000.
        Assert.Equal(new LeaseGrant(0, 1_000, 1_000, 2, 0), grant);
        Assert.Equal(1_000, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_NodeHoldsALeaseUnderAnotherId_ReplacesItAndFreesWhatItHeld()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 700, InAMinute, Ct);

        // The node gave lease 1 up (it stopped trusting it) and asks under the next id.
        var grant = await Node.Ledger.AcquireLeaseAsync(account, "node-a", 2, 400, InAMinute, Ct);

        Assert.Equal(new LeaseGrant(400, 1_000, 400, 3, 400), grant);
        Assert.Equal(400, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task DeleteExpiredLeasesAsync_ExpiredAndLiveLeases_DeletesOnlyTheExpired()
    {
        var database = await Backend.CreateDatabaseAsync();
        var node = NewNode(database);
        var account = await FundedAccountAsync(1_000, node);
        await node.Ledger.AcquireLeaseAsync(account, "node-dead", 0, 300, Start.AddSeconds(30), Ct);
        await node.Ledger.AcquireLeaseAsync(account, "node-edge", 0, 300, Start.AddSeconds(60), Ct);
        await node.Ledger.AcquireLeaseAsync(account, "node-live", 0, 300, Start.AddMinutes(5), Ct);

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
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 200, Start.AddSeconds(30), Ct);
        await Node.Ledger.AcquireLeaseAsync(account, "node-b", 0, 300, Start.AddMinutes(5), Ct);

        Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(300, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task ReleaseLeaseAsync_Part_ReturnsItToTheAccount()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 700, InAMinute, Ct);

        await Node.Ledger.ReleaseLeaseAsync(account, "node-a", 1, 200, Ct);

        Assert.Equal(500, await Node.Ledger.GetLeasedAsync(account, Ct));
        Assert.Equal(500, (await NewNode().Ledger.AcquireLeaseAsync(account, "node-b", 0, 1_000, InAMinute, Ct)).Granted);
    }

    [Fact]
    public async Task ReleaseLeaseAsync_MoreThanHeld_DeletesTheLeaseWithoutGoingNegative()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 700, InAMinute, Ct);
        await Node.Ledger.AcquireLeaseAsync(account, "node-b", 0, 100, InAMinute, Ct);

        await Node.Ledger.ReleaseLeaseAsync(account, "node-a", 1, 5_000, Ct);
        await Node.Ledger.ReleaseLeaseAsync(account, "node-never", 1, 5_000, Ct);

        Assert.Equal(100, await Node.Ledger.GetLeasedAsync(account, Ct));
        Assert.Equal(["node-b"], (await Database.RowsAsync($"SELECT node_id FROM balance_leases WHERE account_id = '{account}'", Ct)).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task ReleaseLeaseAsync_LeaseSinceReplaced_LeavesTheNewLeaseAlone()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 700, InAMinute, Ct);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 5, 300, InAMinute, Ct);

        await Node.Ledger.ReleaseLeaseAsync(account, "node-a", 1, 5_000, Ct);

        Assert.Equal(300, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task RenewLeasesAsync_LeasesNamed_MovesTheExpiryOfThoseOnlyAndReturnsThem()
    {
        var first = await FundedAccountAsync(1_000);
        var second = await FundedAccountAsync(1_000);
        var third = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(first, "node-a", 0, 400, Start.AddSeconds(30), Ct);
        await Node.Ledger.AcquireLeaseAsync(second, "node-a", 0, 500, Start.AddSeconds(30), Ct);
        await Node.Ledger.AcquireLeaseAsync(third, "node-a", 0, 600, Start.AddSeconds(30), Ct);
        await Node.Ledger.AcquireLeaseAsync(first, "node-b", 0, 100, Start.AddSeconds(30), Ct);

        var renewed = await Node.Ledger.RenewLeasesAsync("node-a", [new(first, 1), new(second, 1)], Start.AddMinutes(2), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([new NodeLease(first, 1), new NodeLease(second, 1)], renewed.OrderBy(l => l.AccountId == first ? 0 : 1));
        Assert.Equal(400, await Node.Ledger.GetLeasedAsync(first, Ct));
        Assert.Equal(500, await Node.Ledger.GetLeasedAsync(second, Ct));
        // A lease the node no longer names (it gave it up) expires; so does node-b's, which did not renew.
        Assert.Equal(0, await Node.Ledger.GetLeasedAsync(third, Ct));
        Assert.Equal(600, (await NewNode().Ledger.AcquireLeaseAsync(first, "node-c", 0, 1_000, Start.AddMinutes(3), Ct)).Granted);
    }

    [Fact]
    public async Task RenewLeasesAsync_LeaseExpiredAndLeasedByAnotherNode_IsNotRenewedNorReturned()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 700, Start.AddSeconds(30), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1_000, (await NewNode().Ledger.AcquireLeaseAsync(account, "node-b", 0, 1_000, Time.GetUtcNow().AddMinutes(1), Ct)).Granted);

        var renewed = await Node.Ledger.RenewLeasesAsync("node-a", [new(account, 1)], Time.GetUtcNow().AddMinutes(1), Ct);

        // Renewing it would have made its 700 live again beside node B's 1,000.
        Assert.Empty(renewed);
        Assert.Equal(1_000, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task RenewLeasesAsync_LeaseExpiredNotYetSwept_IsNotRenewedNorReturned()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 700, Start.AddSeconds(30), Ct);
        Time.Advance(TimeSpan.FromSeconds(30));

        var renewed = await Node.Ledger.RenewLeasesAsync("node-a", [new(account, 1)], Time.GetUtcNow().AddMinutes(1), Ct);

        Assert.Empty(renewed);
        Assert.Equal(0, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task RenewLeasesAsync_LeaseSweptByANodeWhoseClockRunsAhead_IsNotReturned()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 700, Start.AddSeconds(30), Ct);
        await NewNode().Ledger.DeleteExpiredLeasesAsync(Start.AddSeconds(31), Ct);

        // For node A's own clock the lease has 30 s to go; the renewal updates nothing, and says so.
        var renewed = await Node.Ledger.RenewLeasesAsync("node-a", [new(account, 1)], Start.AddMinutes(1), Ct);

        Assert.Empty(renewed);
        Assert.Equal(0, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task RenewLeasesAsync_LeaseReplacedSince_IsNotRenewed()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 700, Start.AddSeconds(30), Ct);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 1, 100, Start.AddSeconds(30), Ct);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 4, 300, Start.AddSeconds(30), Ct);

        var renewed = await Node.Ledger.RenewLeasesAsync("node-a", [new(account, 1)], Start.AddMinutes(1), Ct);

        Assert.Empty(renewed);
        Assert.Equal(300, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    private async Task<string> FundedAccountAsync(long amount, StorageNode? node = null)
    {
        var account = Books.NewAccountId();
        await (node ?? Node).Ledger.PostAsync(Books.Credit(account, amount), Ct);
        return account;
    }
}
