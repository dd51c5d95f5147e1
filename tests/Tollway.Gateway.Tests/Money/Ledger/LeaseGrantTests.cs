using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Tests.Money.Ledger;

public sealed class LeaseGrantTests
{
    [Fact]
    public void Decide_NoLeaseYet_StartsTheNextIdWithWhatWasAsked()
    {
        var grant = LeaseGrant.Decide(balance: 1_000, othersLeased: 0, own: null, leaseId: 0, amount: 600);

        Assert.Equal(new LeaseGrant(Granted: 600, Balance: 1_000, Leased: 600, LeaseId: 1, NodeLeased: 600), grant);
    }

    [Fact]
    public void Decide_OwnLeaseAskedFor_GrowsItUnderItsId()
    {
        var grant = LeaseGrant.Decide(balance: 1_000, othersLeased: 100, own: (3, 200), leaseId: 3, amount: 300);

        Assert.Equal(new LeaseGrant(Granted: 300, Balance: 1_000, Leased: 600, LeaseId: 3, NodeLeased: 500), grant);
    }

    [Fact]
    public void Decide_OwnLeaseUnderAnotherId_ReplacesItWithOnlyTheGrant()
    {
        // The node asks for lease 3 but holds lease 5: what lease 5 held goes back to the account, free again.
        var grant = LeaseGrant.Decide(balance: 1_000, othersLeased: 100, own: (5, 700), leaseId: 3, amount: 800);

        Assert.Equal(new LeaseGrant(Granted: 800, Balance: 1_000, Leased: 900, LeaseId: 4, NodeLeased: 800), grant);
    }

    [Fact]
    public void Decide_LessFreeThanAsked_GrantsWhatIsFree()
    {
        var grant = LeaseGrant.Decide(balance: 1_000, othersLeased: 600, own: (1, 300), leaseId: 1, amount: 500);

        Assert.Equal(new LeaseGrant(Granted: 100, Balance: 1_000, Leased: 1_000, LeaseId: 1, NodeLeased: 400), grant);
    }

    [Fact]
    public void Decide_OthersHoldMoreThanTheBalance_GrantsNothing()
    {
        // Books already wrong (a debit landed under the leases) never make a negative grant.
        var grant = LeaseGrant.Decide(balance: 500, othersLeased: 800, own: null, leaseId: 2, amount: 100);

        Assert.Equal(new LeaseGrant(Granted: 0, Balance: 500, Leased: 800, LeaseId: 3, NodeLeased: 0), grant);
    }

    [Fact]
    public void Decide_NegativeAmount_GrantsNothingAndKeepsTheLease()
    {
        var grant = LeaseGrant.Decide(balance: 1_000, othersLeased: 0, own: (1, 300), leaseId: 1, amount: -50);

        Assert.Equal(new LeaseGrant(Granted: 0, Balance: 1_000, Leased: 300, LeaseId: 1, NodeLeased: 300), grant);
    }
}
