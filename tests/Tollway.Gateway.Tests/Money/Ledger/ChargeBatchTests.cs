using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Tests.Money.Ledger;

public sealed class ChargeBatchTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 23, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Commit_ChargesWithinTheBalance_ArePostedAndMoveTheLegsOfEach()
    {
        var charges = new[] { Pending(Charge("gen-1", "acct_a", 1_000, 150)), Pending(Charge("gen-2", "acct_b", 300, 0)), Pending(Charge("gen-3", "acct_a", 0, 20)) };
        var batch = Batch(balances: new() { ["acct_a"] = 5_000, ["acct_b"] = 5_000 });

        var outcomes = batch.Commit(charges, new MemoryChargeRows(), Ct);

        Assert.Equal([PostOutcome.Posted, PostOutcome.Posted, PostOutcome.Posted], outcomes);
        // What the batch writes to the balances is the sum of every charge's postings.
        var legs = charges.SelectMany(c => ChargeRecord.PostingsOf(c.Charge.AccountId, c.Charge.ProviderCost, c.Charge.Markup))
            .GroupBy(p => p.Account).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount));
        Assert.Equal(legs, batch.BalanceMovements());
    }

    [Fact]
    public void BalanceMovements_ChargesOfNothing_MoveNoAccount()
    {
        var batch = Batch(balances: new() { ["acct_a"] = 5_000 });

        batch.Commit([Pending(Charge("gen-1", "acct_a", 0, 0))], new MemoryChargeRows(), Ct);

        Assert.Empty(batch.BalanceMovements());
    }

    [Fact]
    public void Commit_ChargeRecordedBefore_IsADuplicateAndMovesNothing()
    {
        var batch = Batch(balances: new() { ["acct_a"] = 5_000 });
        var rows = new MemoryChargeRows("gen-1");

        var outcomes = batch.Commit([Pending(Charge("gen-1", "acct_a", 100, 0)), Pending(Charge("gen-2", "acct_a", 100, 0))], rows, Ct);

        Assert.Equal([PostOutcome.Duplicate, PostOutcome.Posted], outcomes);
        Assert.Equal(["gen-2"], rows.Recorded.Select(c => c.RequestId));
        Assert.Equal(-100, batch.BalanceMovements()[LedgerAccounts.User("acct_a")]);
    }

    [Fact]
    public void Commit_SameChargeTwiceInABatch_PostsItOnce()
    {
        var batch = Batch(balances: new() { ["acct_a"] = 5_000 });
        var charge = Pending(Charge("gen-1", "acct_a", 100, 10));

        var outcomes = batch.Commit([charge, charge], new MemoryChargeRows(), Ct);

        Assert.Equal([PostOutcome.Posted, PostOutcome.Duplicate], outcomes);
        Assert.Equal(-110, batch.BalanceMovements()[LedgerAccounts.User("acct_a")]);
    }

    [Fact]
    public void Commit_ChargeBeyondTheBalance_IsRefusedAndTheRestGoesOn()
    {
        var batch = Batch(balances: new() { ["acct_a"] = 500 });

        var outcomes = batch.Commit(
            [Pending(Charge("gen-1", "acct_a", 300, 0)), Pending(Charge("gen-2", "acct_a", 300, 0)), Pending(Charge("gen-3", "acct_a", 200, 0))],
            new MemoryChargeRows(), Ct);

        Assert.Equal([PostOutcome.Posted, PostOutcome.InsufficientFunds, PostOutcome.Posted], outcomes);
        Assert.Equal(-500, batch.BalanceMovements()[LedgerAccounts.User("acct_a")]);
    }

    [Fact]
    public void Commit_RefusedChargeAlreadyRecorded_IsADuplicateAndLeavesItsLeaseAlone()
    {
        var lease = ("acct_a", "node-a", 1L);
        var batch = Batch(balances: new() { ["acct_a"] = 500 }, leases: new() { [lease] = 400 });

        var outcomes = batch.Commit([Pending(Charge("gen-1", "acct_a", 900, 0), lease: 1)], new MemoryChargeRows("gen-1"), Ct);

        Assert.Equal([PostOutcome.Duplicate], outcomes);
        Assert.Empty(batch.TakenFromLeases);
    }

    [Fact]
    public void Commit_ChargePaidFromItsLease_TakesItOffTheLease()
    {
        var lease = ("acct_a", "node-a", 1L);
        var batch = Batch(balances: new() { ["acct_a"] = 1_000 }, leases: new() { [lease] = 400 });

        var outcomes = batch.Commit(
            [Pending(Charge("gen-1", "acct_a", 300, 0), lease: 1), Pending(Charge("gen-2", "acct_a", 300, 0), lease: 1)], new MemoryChargeRows(), Ct);

        // The second charge's last 200 come from what no lease holds (1,000 less 400 leased).
        Assert.Equal([PostOutcome.Posted, PostOutcome.Posted], outcomes);
        Assert.Equal(new Dictionary<(string, string, long), long> { [lease] = 400 }, batch.TakenFromLeases);
    }

    [Fact]
    public void Commit_RefusedCharge_GivesBackWhatItsLeaseHeldForIt()
    {
        var own = ("acct_a", "node-a", 1L);
        var other = ("acct_a", "node-b", 1L);
        var batch = Batch(balances: new() { ["acct_a"] = 1_000 }, leases: new() { [own] = 300, [other] = 700 });

        var outcomes = batch.Commit([Pending(Charge("gen-1", "acct_a", 500, 0), lease: 1)], new MemoryChargeRows(), Ct);

        Assert.Equal([PostOutcome.InsufficientFunds], outcomes);
        Assert.Equal(new Dictionary<(string, string, long), long> { [own] = 300 }, batch.TakenFromLeases);
        Assert.Empty(batch.BalanceMovements());
    }

    [Fact]
    public void KeySpend_PaidCharges_AreSummedPerKeyAndUtcDay()
    {
        var batch = Batch(balances: new() { ["acct_a"] = 5_000 });

        batch.Commit([
            Pending(Charge("gen-1", "acct_a", 100, 10, keyId: "key_a")),
            Pending(Charge("gen-2", "acct_a", 200, 0, keyId: "key_a")),
            Pending(Charge("gen-3", "acct_a", 50, 0, keyId: "key_a") with { CreatedAt = At.AddHours(1) }),
            Pending(Charge("gen-4", "acct_a", 1, 0)),
            Pending(Charge("gen-5", "acct_a", 9_000, 0, keyId: "key_a")),
        ], new MemoryChargeRows(), Ct);

        Assert.Equal(
            new Dictionary<(string, DateOnly), (long, long)> { [("key_a", new DateOnly(2025, 6, 1))] = (310, 2), [("key_a", new DateOnly(2025, 6, 2))] = (50, 1) },
            batch.KeySpend);
    }

    [Fact]
    public void Commit_Cancelled_Throws()
    {
        var batch = Batch(balances: new() { ["acct_a"] = 5_000 });

        Assert.Throws<OperationCanceledException>(() => batch.Commit([Pending(Charge("gen-1", "acct_a", 1, 0))], new MemoryChargeRows(), new CancellationToken(canceled: true)));
    }

    private static ChargeBatch Batch(Dictionary<string, long> balances, Dictionary<(string, string, long), long>? leases = null)
    {
        leases ??= [];
        return new ChargeBatch(new ChargeFunds(
            account => balances.GetValueOrDefault(account),
            account => leases.Where(l => l.Key.Item1 == account).Sum(l => l.Value),
            lease => leases.GetValueOrDefault(lease)));
    }

    private static PendingCharge Pending(ChargeRecord charge, long lease = 0) => new(charge, "node-a", lease);

    private static ChargeRecord Charge(string requestId, string accountId, long providerCost, long markup, string? keyId = null) => new()
    {
        RequestId = requestId,
        AccountId = accountId,
        KeyId = keyId,
        Model = "gpt-4o-mini",
        Provider = "openai",
        UpstreamModel = "gpt-4o-mini-2024-07-18",
        ProviderCost = providerCost,
        Markup = markup,
        CreatedAt = At,
    };
}
