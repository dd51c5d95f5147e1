using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Storage;
using Tollway.Gateway.Wire;
using Tollway.Storage.Tests.Infrastructure;
using Tollway.Testing;

namespace Tollway.Storage.Tests.Billing;

/// <summary>
/// Balance books of several nodes over one real database, when the database falters: a lease lost, a node cut off for
/// longer than its lease, a charge the database will not take. Money is neither lost, nor spent twice, nor locked until
/// a restart. Faults are put in by <see cref="FaultyLedgerStore"/> between one node and the database.
/// </summary>
public abstract class DatabaseFaultTests(StorageBackend backend) : StorageTests(backend)
{
    private const long Usd = UsdAmount.NanosPerUsd;
    private static readonly TimeSpan Ttl = new Gateway.Money.Billing.BillingOptions().LeaseTtl;

    [Fact]
    public async Task Renewal_LeaseSweptByANodeWhoseClockRunsAhead_NodeStopsHoldingAgainstIt()
    {
        var account = await FundedAccountAsync(Usd);
        var aheadTime = new FakeTimeProvider(Start.AddSeconds(90));
        await using var a = await StartAsync(Node.Ledger, Time);
        await using var b = await StartAsync(NewNode(time: aheadTime).Ledger, aheadTime);
        Assert.NotNull((await a.Book.TryHoldAsync(account, Usd / 2, Ct)).Hold);

        // For B, 90 s ahead, A's lease (60 s) has expired: it sweeps it and leases the whole balance.
        await b.Keeper.RunOnceAsync(Ct);
        Assert.NotNull((await b.Book.TryHoldAsync(account, Usd, Ct)).Hold);
        // A renews 10 s in: the renewal updates nothing, and A stops holding against the lease at once.
        Time.Advance(TimeSpan.FromSeconds(10));
        await a.Keeper.RunOnceAsync(Ct);

        Assert.Null((await a.Book.TryHoldAsync(account, Usd / 4, Ct)).Hold);
        Assert.Equal(Usd, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task ChargeRefusedByAnAnsweringDatabase_IsGivenUpAndNotLeftLockedInTheLease()
    {
        var account = await FundedAccountAsync(Usd);
        var faulty = new FaultyLedgerStore(Node.Ledger, Node.Health);
        await using var a = await StartAsync(faulty, Time);
        var hold = (await a.Book.TryHoldAsync(account, Usd / 2, Ct)).Hold!;
        var busy = (await a.Book.TryHoldAsync(account, Usd / 10, Ct)).Hold!;
        var purse = a.Purse(account);
        faulty.RefuseCharges = true;

        // The node goes on serving (the keeper renews its lease) while the writer tries the charge, until it gives up.
        var settled = a.Book.SettleAsync(hold, Books.Charge(account, 3 * Usd / 10), Ct);
        await Eventually.TrueAsync(async () =>
        {
            Time.Advance(TimeSpan.FromSeconds(2));
            await a.Keeper.RunOnceAsync(Ct);
            return settled.IsCompleted && purse.Leased == Usd;
        }, "the charge given up", Ct);
        faulty.RefuseCharges = false;
        a.Book.Void(busy);
        Time.Advance(new Gateway.Money.Billing.BillingOptions().LeaseIdleRelease);
        await a.Keeper.RunOnceAsync(Ct);

        // Never written, so never spent: the customer has it all, and no lease holds any of it back.
        Assert.Equal(Usd, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Equal(0, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task DatabaseDownShorterThanTheLease_NodeHoldsAndChargesAgainstItsLeaseAndWritesWhenBack()
    {
        var account = await FundedAccountAsync(Usd);
        var faulty = new FaultyLedgerStore(Node.Ledger, Node.Health);
        await using var a = await StartAsync(faulty, Time);
        await a.Book.TryHoldAsync(account, Usd / 10, Ct);
        faulty.Down = true;

        // Within the lease the request path needs no database: holds are taken, charges queue.
        Time.Advance(TimeSpan.FromSeconds(20));
        var hold = (await a.Book.TryHoldAsync(account, Usd / 2, Ct)).Hold!;
        var settled = a.Book.SettleAsync(hold, Books.Charge(account, 3 * Usd / 10), Ct);
        await Eventually.TrueAsync(() => faulty.ChargeFailures > 0, "a failed commit", Ct);
        Assert.False(settled.IsCompleted);
        faulty.Down = false;
        await Eventually.TrueAsync(() => { Time.Advance(TimeSpan.FromMilliseconds(500)); return settled.IsCompleted; }, "the charge written", Ct);
        await a.Keeper.RunOnceAsync(Ct);

        Assert.Equal(7 * Usd / 10, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        // Paid from the lease, which shrank by as much and was renewed.
        Assert.Equal(7 * Usd / 10, await Node.Ledger.GetLeasedAsync(account, Ct));
        Assert.NotNull((await a.Book.TryHoldAsync(account, Usd / 10, Ct)).Hold);
    }

    [Fact]
    public async Task DatabaseDownLongerThanTheLease_NodeStopsHoldingAndItsChargeIsWrittenFromTheFreeBalanceWhenBack()
    {
        var account = await FundedAccountAsync(Usd);
        var faulty = new FaultyLedgerStore(Node.Ledger, Node.Health);
        await using var a = await StartAsync(faulty, Time);
        var hold = (await a.Book.TryHoldAsync(account, Usd / 2, Ct)).Hold!;
        faulty.Down = true;
        _ = a.Book.SettleAsync(hold, Books.Charge(account, 3 * Usd / 10), Ct);

        // Three minutes down: far more than the lease, and than the tries after which a charge used to be given up.
        await Eventually.TrueAsync(() => { Time.Advance(TimeSpan.FromSeconds(2)); return faulty.ChargeFailures > 90; }, "three minutes of failed commits", Ct);
        await Assert.ThrowsAsync<DatabaseUnavailableException>(async () => await a.Book.TryHoldAsync(account, Usd / 10, Ct));
        faulty.Down = false;
        await Eventually.TrueAsync(async () =>
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            return await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct) == 7 * Usd / 10;
        }, "the charge written", Ct);

        // The lease expired meanwhile; the charge was paid from the free balance, and the node leases afresh.
        Assert.Equal(0, await Node.Ledger.GetLeasedAsync(account, Ct));
        Assert.NotNull((await a.Book.TryHoldAsync(account, 7 * Usd / 10, Ct)).Hold);
        Assert.Null((await a.Book.TryHoldAsync(account, Usd / 100, Ct)).Hold);
    }

    [Fact]
    public async Task DatabaseDownLongerThanTheLease_MoneyLeasedByAnotherNodeMeanwhile_LateChargeIsRefusedNotTakenFromIt()
    {
        var account = await FundedAccountAsync(Usd);
        var faulty = new FaultyLedgerStore(Node.Ledger, Node.Health);
        await using var a = await StartAsync(faulty, Time);
        await using var b = await StartAsync(NewNode().Ledger, Time);
        var hold = (await a.Book.TryHoldAsync(account, Usd / 2, Ct)).Hold!;
        faulty.Down = true;
        _ = a.Book.SettleAsync(hold, Books.Charge(account, 3 * Usd / 10), Ct);
        await Eventually.TrueAsync(() => { Time.Advance(TimeSpan.FromSeconds(2)); return faulty.ChargeFailures > 40; }, "the lease outlived", Ct);

        // Node B, which reaches the database, sweeps A's expired lease and leases the whole balance.
        await b.Keeper.RunOnceAsync(Ct);
        Assert.NotNull((await b.Book.TryHoldAsync(account, Usd, Ct)).Hold);
        faulty.Down = false;
        // Queued behind A's charge, so done once that one was tried again; refused too, since it names no lease.
        var probe = a.Writer.CommitAsync(new PendingCharge(Books.Charge(account, 1), "probe", 0));
        await Eventually.TrueAsync(() => { Time.Advance(TimeSpan.FromSeconds(1)); return probe.IsCompleted; }, "A's charge tried again", Ct);

        // A's charge cannot be paid: B holds the money now, and A's lease that covered it is gone. The operator bears
        // it (logged); the customer's balance never goes below what B holds against it.
        Assert.Equal(PostOutcome.InsufficientFunds, await probe);
        Assert.Equal(Usd, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Equal(Usd, await Node.Ledger.GetLeasedAsync(account, Ct));
        Assert.True((await Node.Queries.ReconcileAsync(Ct)).IsBalanced);
    }

    private static Task<BillingNode> StartAsync(ILedgerStore store, TimeProvider time) =>
        BillingNode.StartAsync(store, store as Gateway.Platform.Storage.IDatabaseHealth ?? new AlwaysAnswers(), time);

    private async Task<string> FundedAccountAsync(long amount)
    {
        var account = Books.NewAccountId();
        await Node.Ledger.PostAsync(Books.Credit(account, amount), Ct);
        return account;
    }

    private sealed class AlwaysAnswers : Gateway.Platform.Storage.IDatabaseHealth
    {
        public Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
