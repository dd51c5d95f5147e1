using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>
/// A hold is never negative, checked where it is made: a negative "reservation" would lower what the purse holds, so
/// that more than its lease could be held after it — the state issue 14's wrapped worst case left behind.
/// </summary>
public sealed class HoldTests
{
    private const string Account = "acct_hold";

    [Fact]
    public void TryReserve_NegativeAmount_ThrowsAndLeavesThePurseWhole()
    {
        var purse = new AccountPurse(Account);
        purse.AddLease(new LeaseGrant(Granted: 100, Balance: 100, Leased: 100, LeaseId: 1, NodeLeased: 100), trustedUntil: long.MaxValue);

        Assert.Throws<ArgumentOutOfRangeException>(() => purse.TryReserve(-50, now: 0));

        Assert.Equal(0, purse.Held);
        Assert.True(purse.TryReserve(100, now: 0));
        Assert.False(purse.TryReserve(1, now: 0));
    }

    [Fact]
    public void Constructor_NegativeAmount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Hold(new AccountPurse(Account), -1));

    [Fact]
    public async Task TryHoldAsync_NegativeAmount_ThrowsAndHoldsNothing()
    {
        await using var billing = await BillingHarness.CreateAsync(balance: 1_000);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => billing.Book.TryHoldAsync(Account, -1, CancellationToken.None).AsTask());

        Assert.Equal(0, billing.Book.HeldOnThisNode(Account));
        var hold = (await billing.Book.TryHoldAsync(Account, 1_000, CancellationToken.None)).Hold;
        Assert.Equal(1_000, hold?.Amount);
        Assert.Null((await billing.Book.TryHoldAsync(Account, 1, CancellationToken.None)).Hold);
    }
}
