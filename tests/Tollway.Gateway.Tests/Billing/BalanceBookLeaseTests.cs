using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Billing;
using Tollway.Gateway.Configuration;
using Tollway.Gateway.Money;
using Tollway.Testing;

namespace Tollway.Gateway.Tests.Billing;

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

    private BalanceBook NewBook(LeasingLedgerStore store, string chunkUsd)
    {
        var options = Options.Create(new TollwayOptions { Billing = new BillingOptions { LeaseChunkUsd = chunkUsd } });
        var writer = new ChargeWriter(store, _time, NullLogger<ChargeWriter>.Instance);
        return new BalanceBook(store, writer, new NodeIdentity(), options, _time, NullLogger<BalanceBook>.Instance);
    }

    /// <summary>Bounded polling of the book's background refill (real work on the thread pool, not time).</summary>
    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.TrueAsync(condition, "the background refill", TestContext.Current.CancellationToken);
}
