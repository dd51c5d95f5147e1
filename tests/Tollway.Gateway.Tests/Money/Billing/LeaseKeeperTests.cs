using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Platform.Storage;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>How <see cref="LeaseKeeper"/> renews the balance book's leases, and what a renewal that finds nothing does.</summary>
public sealed class LeaseKeeperTests : IDisposable
{
    private const string Account = "acct_keeper";
    private const long Usd = UsdAmount.NanosPerUsd;
    private static readonly TimeSpan Ttl = new BillingOptions().LeaseTtl;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly LeasingLedgerStore _store = new(10 * Usd);
    private readonly BalanceBook _book;
    private readonly LeaseKeeper _keeper;

    public LeaseKeeperTests()
    {
        var options = Options.Create(new BillingOptions());
        var writer = new ChargeWriter(_store, new DatabaseHealthSwitch(), _time, NullLogger<ChargeWriter>.Instance);
        _book = new BalanceBook(_store, writer, new NodeIdentity(), options, _time, NullLogger<BalanceBook>.Instance, new DatabaseOutage(NullLogger<DatabaseOutage>.Instance));
        _keeper = new LeaseKeeper(_book, _store, options, _time, NullLogger<LeaseKeeper>.Instance);
    }

    public void Dispose() => _keeper.Dispose();

    [Fact]
    public async Task RunOnceAsync_LeaseRenewed_StaysTrustedForAnotherThreeQuartersOfTheTtl()
    {
        await _book.TryHoldAsync(Account, Usd / 10, CancellationToken.None);
        _time.Advance(Ttl / 2);

        await _keeper.RunOnceAsync(CancellationToken.None);
        _time.Advance((Ttl * 3 / 4) - TimeSpan.FromMilliseconds(1));

        Assert.NotNull((await _book.TryHoldAsync(Account, Usd / 10, CancellationToken.None)).Hold);
        Assert.Single(_store.Asked);
    }

    [Fact]
    public async Task RunOnceAsync_RenewalFindsTheLeaseGone_PurseStopsHoldingAgainstItAtOnce()
    {
        await _book.TryHoldAsync(Account, Usd / 10, CancellationToken.None);
        var purse = Assert.Single(_book.Purses);
        // Another node's clock ran ahead: for it the lease expired, and it swept it and leased the whole balance.
        _store.LoseLeases();
        await _store.AcquireLeaseAsync(Account, "node-other", 0, 10 * Usd, _time.GetUtcNow() + Ttl, CancellationToken.None);

        await _keeper.RunOnceAsync(CancellationToken.None);

        // Well within the lease's own time, yet nothing more is held against it: the money is another node's now.
        Assert.Null(purse.HeldLease);
        Assert.Equal(0, purse.Leased);
        Assert.Null((await _book.TryHoldAsync(Account, Usd / 10, CancellationToken.None)).Hold);
        Assert.Equal(Usd / 10, purse.Held);
    }

    [Fact]
    public async Task RunOnceAsync_IdleLease_IsGivenBackAndNoLongerRenewed()
    {
        var hold = (await _book.TryHoldAsync(Account, Usd / 10, CancellationToken.None)).Hold!;
        _book.Void(hold);
        _time.Advance(new BillingOptions().LeaseIdleRelease);

        await _keeper.RunOnceAsync(CancellationToken.None);
        await _keeper.RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, _store.Leased);
        Assert.Null(Assert.Single(_book.Purses).HeldLease);
    }
}
