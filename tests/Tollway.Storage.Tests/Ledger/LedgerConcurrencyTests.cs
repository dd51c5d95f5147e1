using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

/// <summary>
/// Many nodes against one balance at once: what the ledger promises when requests race, on every backend. Each node
/// has its own connection pool, so the contenders really are separate connections; a gate starts them together.
/// </summary>
public abstract class LedgerConcurrencyTests(StorageBackend backend) : StorageTests(backend)
{
    private const int Nodes = 5;

    [Fact]
    public async Task FiftyParallelLeasesDebitsAndCharges_NeverGrantOrTakeMoreThanTheBalance()
    {
        const long balance = 10_000;
        const long ask = 700;
        var nodes = Enumerable.Range(0, Nodes).Select(_ => NewNode()).ToArray();
        var account = Books.NewAccountId();
        await Node.Ledger.PostAsync(Books.Credit(account, balance), Ct);
        long granted = 0, charged = 0, debited = 0;

        await RaceAsync(50, async i =>
        {
            var node = nodes[i % Nodes];
            if (i % 2 == 0)
            {
                // A node leases a slice and then charges half of it, as requests settle.
                var grant = await node.Ledger.AcquireLeaseAsync(account, $"node-{i}", 0, ask, Start.AddMinutes(5), Ct);
                Interlocked.Add(ref granted, grant.Granted);
                if (grant.Granted > 1)
                {
                    var charge = Books.Charge(account, grant.Granted / 2);
                    var outcome = await node.Ledger.CommitChargesAsync([Books.Pending(charge, $"node-{i}")], Ct);
                    Assert.Equal([PostOutcome.Posted], outcome);
                    Interlocked.Add(ref charged, charge.Total);
                }
            }
            else if (await node.Ledger.PostAsync(Books.Debit(account, ask), Ct) == PostOutcome.Posted)
            {
                Interlocked.Add(ref debited, ask);
            }
        });

        var finalBalance = await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct);
        var leased = await Node.Ledger.GetLeasedAsync(account, Ct);
        // Every nano-dollar was granted or debited at most once.
        Assert.True(granted + debited <= balance, $"granted {granted} + debited {debited} > {balance}");
        Assert.Equal(balance - debited - charged, finalBalance);
        Assert.Equal(granted - charged, leased);
        // Asked for 3.5 times what there was: whatever is left free is less than any one ask.
        Assert.InRange(finalBalance - leased, 0, ask - 1);
        var books = await Node.Queries.ReconcileAsync(Ct);
        Assert.True(books.IsBalanced, $"unbalanced: {string.Join(", ", books.UnbalancedTransactions.Concat(books.CachedBalanceMismatches))}");
    }

    [Fact]
    public async Task PostAsync_SameCreditFromSixteenNodesAtOnce_PostsItOnce()
    {
        var nodes = Enumerable.Range(0, Nodes).Select(_ => NewNode()).ToArray();
        var account = Books.NewAccountId();
        var credit = Books.Credit(account, 1_000, reference: "deposit:8453:0xrace-" + account + ":0");
        var outcomes = new ConcurrentBag<PostOutcome>();

        await RaceAsync(16, async i => outcomes.Add(await nodes[i % Nodes].Ledger.PostAsync(credit, Ct)));

        Assert.Single(outcomes, o => o == PostOutcome.Posted);
        Assert.All(outcomes.Where(o => o != PostOutcome.Posted), o => Assert.Equal(PostOutcome.Duplicate, o));
        Assert.Equal(1_000, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
    }

    [Fact]
    public async Task CommitChargesAsync_BatchesOverTheSameAccountsInOppositeOrdersWithRenewals_AllCommit()
    {
        var nodes = Enumerable.Range(0, Nodes).Select(_ => NewNode()).ToArray();
        var accounts = Enumerable.Range(0, 8).Select(_ => Books.NewAccountId()).ToArray();
        foreach (var account in accounts)
        {
            await Node.Ledger.PostAsync(Books.Credit(account, 100_000), Ct);
            await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 50_000, Start.AddMinutes(5), Ct);
            await Node.Ledger.AcquireLeaseAsync(account, "node-b", 0, 50_000, Start.AddMinutes(5), Ct);
        }

        // Writers that lock several accounts in the order they are given would deadlock here.
        await RaceAsync(20, async i =>
        {
            var node = nodes[i % Nodes];
            var nodeId = i % 2 == 0 ? "node-a" : "node-b";
            if (i % 5 == 4)
            {
                await node.Ledger.RenewLeasesAsync(nodeId, [.. accounts.Select(a => new NodeLease(a, 1))], Start.AddMinutes(10), Ct);
                return;
            }

            var order = i % 2 == 0 ? accounts : accounts.Reverse();
            var outcomes = await node.Ledger.CommitChargesAsync([.. order.Select(a => Books.Pending(Books.Charge(a, 90, 10), nodeId))], Ct);
            Assert.All(outcomes, o => Assert.Equal(PostOutcome.Posted, o));
        });

        foreach (var account in accounts)
        {
            Assert.Equal(100_000 - (16 * 100), await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
            Assert.Equal(100_000 - (16 * 100), await Node.Ledger.GetLeasedAsync(account, Ct));
        }

        Assert.True((await Node.Queries.ReconcileAsync(Ct)).IsBalanced);
    }

    [Fact]
    public async Task RenewGrowSweepAndLeaseAtTheExpiry_NodesNeverBelieveTheyHoldMoreThanTheBalance()
    {
        // Node A's clock is a millisecond behind node B's: at the instant of A's lease expiry, A renews and grows its
        // lease while B sweeps expired leases and leases the whole balance. Whichever wins, what each node is told it
        // holds (and so may hold against) adds up to no more than the balance, and is what the table says.
        const long balance = 1_000;
        for (var round = 0; round < 12; round++)
        {
            var expiry = Start.AddMinutes(round);
            var a = NewNode(time: new FakeTimeProvider(expiry.AddMilliseconds(-1)));
            var b = NewNode(time: new FakeTimeProvider(expiry));
            var account = Books.NewAccountId();
            await Node.Ledger.PostAsync(Books.Credit(account, balance), Ct);
            await a.Ledger.AcquireLeaseAsync(account, "node-a", 0, 600, expiry, Ct);
            LeaseGrant aHolds = default, bHolds = default;

            await RaceAsync(2, async i =>
            {
                if (i == 0)
                {
                    var renewed = await a.Ledger.RenewLeasesAsync("node-a", [new(account, 1)], expiry.AddMinutes(1), Ct);
                    aHolds = await a.Ledger.AcquireLeaseAsync(account, "node-a", renewed.Count == 1 ? 1 : 2, 100, expiry.AddMinutes(1), Ct);
                }
                else
                {
                    await b.Ledger.DeleteExpiredLeasesAsync(expiry, Ct);
                    bHolds = await b.Ledger.AcquireLeaseAsync(account, "node-b", 0, balance, expiry.AddMinutes(1), Ct);
                }
            });

            Assert.True(aHolds.NodeLeased + bHolds.NodeLeased <= balance, $"round {round}: A holds {aHolds.NodeLeased}, B holds {bHolds.NodeLeased}");
            var rows = await Database.RowsAsync($"SELECT node_id, lease_id, amount FROM balance_leases WHERE account_id = '{account}' ORDER BY node_id", Ct);
            Assert.Equal(
                new object?[][] { ["node-a", aHolds.LeaseId, aHolds.NodeLeased], ["node-b", bHolds.LeaseId, bHolds.NodeLeased] },
                rows.Select(r => new object?[] { r[0], Convert.ToInt64(r[1], CultureInfo.InvariantCulture), Convert.ToInt64(r[2], CultureInfo.InvariantCulture) }));
        }
    }

    /// <summary>Starts <paramref name="count"/> contenders on the thread pool, releases them together, and waits for all.</summary>
    private static async Task RaceAsync(int count, Func<int, Task> contender)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            await contender(i);
        }, Ct)).ToArray();
        gate.SetResult();
        await Task.WhenAll(tasks);
    }
}
