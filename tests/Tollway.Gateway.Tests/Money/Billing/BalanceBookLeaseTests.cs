using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Storage;
using Tollway.Gateway.Tests.Platform.Storage;
using Tollway.Gateway.Wire;
using Tollway.Testing;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>How <see cref="BalanceBook"/> leases: in the foreground when a hold finds the lease empty, ahead of need otherwise.</summary>
public sealed class BalanceBookLeaseTests
{
    private const string Account = "acct_lease";
    private const long Usd = UsdAmount.NanosPerUsd;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TryHoldAsync_FirstHold_LeasesTheChunkBeforeAnswering()
    {
        var store = new LeasingLedgerStore(10 * Usd);
        var book = NewBook(store, chunkUsd: "1");

        var outcome = await book.TryHoldAsync(Account, Usd / 10, CancellationToken.None);

        Assert.NotNull(outcome.Hold);
        Assert.Equal([Usd], store.Asked);
    }

    [Fact]
    public async Task TryHoldAsync_LeaseLessThanHalfFree_IsToppedUpInTheBackgroundWhileTheHoldIsAnswered()
    {
        var store = new LeasingLedgerStore(10 * Usd);
        var book = NewBook(store, chunkUsd: "1");
        await book.TryHoldAsync(Account, 3 * Usd / 10, CancellationToken.None);
        store.Pause = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // 0.4 of the 1.0 leased stays free: less than half a lease.
        var second = book.TryHoldAsync(Account, 3 * Usd / 10, CancellationToken.None);

        Assert.True(second.IsCompletedSuccessfully, "the hold waited for the database");
        Assert.NotNull((await second).Hold);
        await WaitUntilAsync(() => store.Asked.Count == 2);
        var purse = Assert.Single(book.Purses);
        Assert.Equal(Usd, purse.Leased);
        store.Pause.SetResult();
        await WaitUntilAsync(() => purse.Leased == 2 * Usd);
    }

    [Fact]
    public async Task TryHoldAsync_TopUpsFailWhileTheDatabaseIsDown_TheOutageIsLoggedOnceNotOncePerTopUp()
    {
        var store = new LeasingLedgerStore(10 * Usd);
        var bookLog = new RecordingLogger<BalanceBook>();
        var outageLog = new RecordingLogger<DatabaseOutage>();
        var book = NewBook(store, chunkUsd: "1", bookLog, outageLog);
        await book.TryHoldAsync(Account, Usd / 10, CancellationToken.None);
        var purse = Assert.Single(book.Purses);
        store.Down = true;

        // Each hold, served from the lease, leaves less than half of it free and starts a top-up, which fails.
        foreach (var amount in new[] { 5 * Usd / 10, Usd / 10, Usd / 10 })
        {
            var asked = store.Asked.Count;
            Assert.NotNull((await book.TryHoldAsync(Account, amount, CancellationToken.None)).Hold);
            await WaitUntilAsync(() => store.Asked.Count == asked + 1 && purse.LeaseGate.CurrentCount == 1);
        }

        Assert.Equal([1270], outageLog.Events);
        Assert.Empty(bookLog.Events);
    }

    [Fact]
    public async Task TryHoldAsync_MoreHeldThanAChunk_LeasesAsMuchAsIsHeld()
    {
        var store = new LeasingLedgerStore(100 * Usd);
        var book = NewBook(store, chunkUsd: "0.01");

        await book.TryHoldAsync(Account, 2 * Usd, CancellationToken.None);
        await book.TryHoldAsync(Account, Usd / 1000, CancellationToken.None);

        // The first lease is what the hold needed; the next is as much as is held in flight, not the chunk.
        Assert.Equal([2 * Usd, 2 * Usd], store.Asked);
    }

    [Fact]
    public async Task TryHoldAsync_BalanceRanOut_NoRefillUntilTheRecheckInterval()
    {
        var store = new LeasingLedgerStore(3 * Usd / 2);
        var book = NewBook(store, chunkUsd: "1");
        await book.TryHoldAsync(Account, 3 * Usd / 10, CancellationToken.None);
        await book.TryHoldAsync(Account, 3 * Usd / 10, CancellationToken.None);
        // The refill found only 0.5 of the 1.0 it asked for: the account has nothing more free.
        await WaitUntilAsync(() => store.Asked.Count == 2 && Assert.Single(book.Purses).Leased == 3 * Usd / 2);

        for (var i = 0; i < 5; i++)
        {
            Assert.NotNull((await book.TryHoldAsync(Account, Usd / 10, CancellationToken.None)).Hold);
        }

        Assert.Equal(2, store.Asked.Count);
        _time.Advance(new BillingOptions().ExhaustedBalanceRecheck);
        await book.TryHoldAsync(Account, Usd / 100, CancellationToken.None);
        await WaitUntilAsync(() => store.Asked.Count == 3);
    }

    [Fact]
    public async Task TryHoldAsync_LeaseWithinThreeQuartersOfItsTtl_HoldsWithoutAskingTheStore()
    {
        var store = new LeasingLedgerStore(10 * Usd);
        var book = NewBook(store, chunkUsd: "1");
        await book.TryHoldAsync(Account, Usd / 10, CancellationToken.None);

        _time.Advance((Ttl * 3 / 4) - TimeSpan.FromMilliseconds(1));

        Assert.NotNull((await book.TryHoldAsync(Account, Usd / 10, CancellationToken.None)).Hold);
        Assert.Single(store.Asked);
    }

    [Fact]
    public async Task TryHoldAsync_LeaseUnrenewedForThreeQuartersOfItsTtl_IsDroppedAndANewOneLeasedFirst()
    {
        var store = new LeasingLedgerStore(10 * Usd);
        var book = NewBook(store, chunkUsd: "1");
        await book.TryHoldAsync(Account, Usd / 10, CancellationToken.None);
        var purse = Assert.Single(book.Purses);

        // The keeper could not renew (the database is down, or the node was paused): by the expiry another node may
        // lease this money, so the node stops trusting the lease before then.
        _time.Advance(Ttl * 3 / 4);
        var outcome = await book.TryHoldAsync(Account, Usd / 10, CancellationToken.None);

        Assert.NotNull(outcome.Hold);
        Assert.Equal([Usd, Usd], store.Asked);
        // The request named the lease after the one given up: the store started a new lease and let the old one go.
        Assert.Equal(3, purse.LeaseId);
        Assert.Equal(Usd, store.Leased);
    }

    [Fact]
    public async Task TryHoldAsync_LeaseDroppedAndTheMoneyLeasedByAnotherNode_IsRefused()
    {
        var store = new LeasingLedgerStore(Usd);
        var book = NewBook(store, chunkUsd: "1");
        Assert.NotNull((await book.TryHoldAsync(Account, Usd / 2, CancellationToken.None)).Hold);
        _time.Advance(Ttl);
        // The lease expired; another node's sweep deleted it and that node leased the whole balance.
        store.LoseLeases();
        await store.AcquireLeaseAsync(Account, "node-other", 0, Usd, _time.GetUtcNow() + Ttl, CancellationToken.None);

        var outcome = await book.TryHoldAsync(Account, Usd / 4, CancellationToken.None);

        Assert.Null(outcome.Hold);
        Assert.Equal(0, outcome.Available);
    }

    [Fact]
    public async Task SettleAsync_HoldFromALeaseLostMeanwhile_IsChargedToNoLease()
    {
        var store = new LeasingLedgerStore(10 * Usd);
        var (book, writer) = NewBookAndWriter(store, chunkUsd: "1");
        await writer.StartAsync(CancellationToken.None);
        var hold = (await book.TryHoldAsync(Account, Usd / 2, CancellationToken.None)).Hold!;
        var purse = Assert.Single(book.Purses);
        Assert.True(purse.DropLease(1));

        await book.SettleAsync(hold, Charge(Usd / 5), CancellationToken.None);

        // Paid from the account's free balance (the store checks it), never from a lease the node no longer holds.
        Assert.Equal(0, Assert.Single(store.Charges).LeaseId);
        Assert.Equal(0, purse.Held);
        Assert.Equal(0, purse.Leased);
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task SettleAsync_HoldFromALostLeaseAfterANewOne_IsChargedToTheNewLease()
    {
        var store = new LeasingLedgerStore(10 * Usd);
        var (book, writer) = NewBookAndWriter(store, chunkUsd: "0.01");
        await writer.StartAsync(CancellationToken.None);
        var hold = (await book.TryHoldAsync(Account, Usd / 2, CancellationToken.None)).Hold!;
        var purse = Assert.Single(book.Purses);
        Assert.True(purse.DropLease(1));

        // The next hold leases afresh, enough for itself and the hold still in flight.
        Assert.NotNull((await book.TryHoldAsync(Account, Usd / 10, CancellationToken.None)).Hold);
        await book.SettleAsync(hold, Charge(Usd / 5), CancellationToken.None);

        Assert.Equal([Usd / 2, 6 * Usd / 10], store.Asked);
        Assert.Equal(3, Assert.Single(store.Charges).LeaseId);
        Assert.Equal(Usd / 10, purse.Held);
        Assert.Equal((6 * Usd / 10) - (Usd / 5), purse.Leased);
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task SettleAsync_ChargeGivenUp_GoesBackToTheLeaseItCameFrom()
    {
        var store = new LeasingLedgerStore(10 * Usd) { RefuseCharges = true };
        var (book, writer) = NewBookAndWriter(store, chunkUsd: "1");
        await writer.StartAsync(CancellationToken.None);
        var hold = (await book.TryHoldAsync(Account, Usd / 2, CancellationToken.None)).Hold!;
        var purse = Assert.Single(book.Purses);

        var settled = book.SettleAsync(hold, Charge(3 * Usd / 10), CancellationToken.None);
        Assert.Equal(7 * Usd / 10, purse.Leased);
        // The database answers but refuses this charge, try after try, until the writer gives it up.
        await WaitUntilAsync(() => { _time.Advance(TimeSpan.FromSeconds(2)); return settled.IsCompleted && purse.Leased == Usd; });

        // Never written, so never spent: the lease in the database still reserves it, and now the purse has it again.
        Assert.Empty(store.Charges);
        Assert.Equal(0, purse.Held);
        await writer.StopAsync(CancellationToken.None);
    }

    private static TimeSpan Ttl => new BillingOptions().LeaseTtl;

    private static ChargeRecord Charge(long total) => new()
    {
        RequestId = "gen-" + Guid.NewGuid().ToString("N"),
        AccountId = Account,
        Model = "gpt-4o-mini",
        Provider = "openai",
        UpstreamModel = "gpt-4o-mini",
        ProviderCost = total,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private BalanceBook NewBook(
        LeasingLedgerStore store, string chunkUsd, ILogger<BalanceBook>? logger = null, ILogger<DatabaseOutage>? outageLogger = null) =>
        NewBookAndWriter(store, chunkUsd, logger, outageLogger).Book;

    private (BalanceBook Book, ChargeWriter Writer) NewBookAndWriter(
        LeasingLedgerStore store, string chunkUsd, ILogger<BalanceBook>? logger = null, ILogger<DatabaseOutage>? outageLogger = null)
    {
        var options = Options.Create(new BillingOptions { LeaseChunkUsd = chunkUsd });
        var writer = new ChargeWriter(store, new DatabaseHealthSwitch(), _time, NullLogger<ChargeWriter>.Instance);
        var outage = new DatabaseOutage(outageLogger ?? NullLogger<DatabaseOutage>.Instance);
        return (new BalanceBook(store, writer, new NodeIdentity(), options, _time, logger ?? NullLogger<BalanceBook>.Instance, outage), writer);
    }

    /// <summary>Bounded polling of the book's background refill (real work on the thread pool, not time).</summary>
    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.TrueAsync(condition, "the background refill", TestContext.Current.CancellationToken);
}
