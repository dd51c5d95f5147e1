using Tollway.Gateway.Money.Ledger;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

/// <summary><see cref="ILedgerStore.CommitChargesAsync"/>: group commits of charges, on every backend.</summary>
public abstract class ChargeBatchTests(StorageBackend backend) : StorageTests(backend)
{
    [Fact]
    public async Task CommitChargesAsync_OneCharge_SplitsItIntoProviderCostAndMarkup()
    {
        var account = await FundedAccountAsync(10_000);
        var providerBefore = await Node.Ledger.GetBalanceAsync(LedgerAccounts.ProviderCost, Ct);
        var markupBefore = await Node.Ledger.GetBalanceAsync(LedgerAccounts.MarkupRevenue, Ct);
        var charge = Books.Charge(account, providerCost: 1_200, markup: 180);

        var outcomes = await Node.Ledger.CommitChargesAsync([Books.Pending(charge)], Ct);

        Assert.Equal([PostOutcome.Posted], outcomes);
        Assert.Equal(10_000 - 1_380, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Equal(providerBefore + 1_200, await Node.Ledger.GetBalanceAsync(LedgerAccounts.ProviderCost, Ct));
        Assert.Equal(markupBefore + 180, await Node.Ledger.GetBalanceAsync(LedgerAccounts.MarkupRevenue, Ct));
        var entry = Assert.Single(await Node.Queries.ListJournalAsync(new JournalQuery(account, AfterSequence: await CreditSequenceAsync(account)), Ct));
        Assert.Equal(ChargeRecord.ReferenceFor(charge.RequestId), entry.Reference);
        Assert.Equal(LedgerTransactionKind.Charge, entry.Kind);
        Assert.Equal(
            [new Posting(LedgerAccounts.User(account), -1_380), new Posting(LedgerAccounts.ProviderCost, 1_200), new Posting(LedgerAccounts.MarkupRevenue, 180)],
            entry.Postings);
    }

    [Fact]
    public async Task CommitChargesAsync_NoMarkup_PostsOnlyTheProviderCost()
    {
        var account = await FundedAccountAsync(1_000);
        var charge = Books.Charge(account, providerCost: 700);

        await Node.Ledger.CommitChargesAsync([Books.Pending(charge)], Ct);

        var entry = (await Node.Queries.ListJournalAsync(new JournalQuery(account), Ct))[^1];
        Assert.Equal([new Posting(LedgerAccounts.User(account), -700), new Posting(LedgerAccounts.ProviderCost, 700)], entry.Postings);
    }

    [Fact]
    public async Task CommitChargesAsync_Charge_IsReadableByFindChargeAsyncFieldByField()
    {
        var account = await FundedAccountAsync(10_000);
        var charge = Books.Charge(account, 1_200, 180, keyId: "key_abc", at: Start.AddTicks(4_321)) with { Estimated = true, Streamed = false };

        await Node.Ledger.CommitChargesAsync([Books.Pending(charge)], Ct);
        var found = await NewNode().Queries.FindChargeAsync(charge.RequestId, Ct);

        Assert.Equal(charge with { CreatedAt = TestKeys.Millis(charge.CreatedAt) }, found);
    }

    [Fact]
    public async Task FindChargeAsync_UnknownRequest_ReturnsNull()
    {
        Assert.Null(await Node.Queries.FindChargeAsync("gen-missing", Ct));
    }

    [Fact]
    public async Task CommitChargesAsync_ChargesOfOneKey_AddUpItsSpendPerDayMonthAndTotal()
    {
        var account = await FundedAccountAsync(1_000_000);
        var key = "key_" + Guid.NewGuid().ToString("N");
        var june1 = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        await Node.Ledger.CommitChargesAsync([
            Books.Pending(Books.Charge(account, 100, 10, key, at: june1.AddHours(1))),
            Books.Pending(Books.Charge(account, 200, 20, key, at: june1.AddHours(23).AddMinutes(59))),
            Books.Pending(Books.Charge(account, 1_000, 0, key, at: june1.AddDays(14))),
            Books.Pending(Books.Charge(account, 5_000, 0, key, at: june1.AddDays(-1))), // 31 May: another month
            Books.Pending(Books.Charge(account, 9_000, 0, "key_other", at: june1)),
            Books.Pending(Books.Charge(account, 7_000, 0, keyId: null, at: june1)),
        ], Ct);
        // A later batch adds to the same day.
        await Node.Ledger.CommitChargesAsync([Books.Pending(Books.Charge(account, 3, 0, key, at: june1.AddHours(2)))], Ct);

        var june1Spend = await Node.Queries.GetKeySpendAsync(key, new DateOnly(2025, 6, 1), Ct);
        var june15Spend = await Node.Queries.GetKeySpendAsync(key, new DateOnly(2025, 6, 15), Ct);
        var may31Spend = await Node.Queries.GetKeySpendAsync(key, new DateOnly(2025, 5, 31), Ct);

        Assert.Equal(new KeySpend(Total: 6_333, Day: 333, Month: 333), june1Spend);
        // The month counts up to the day asked for, from the 1st.
        Assert.Equal(new KeySpend(Total: 6_333, Day: 1_000, Month: 1_333), june15Spend);
        Assert.Equal(new KeySpend(Total: 6_333, Day: 5_000, Month: 5_000), may31Spend);
        Assert.Equal(default, await Node.Queries.GetKeySpendAsync("key_never_used", new DateOnly(2025, 6, 1), Ct));
    }

    [Fact]
    public async Task GetKeySpendAsync_KeyThatMadeKeys_CountsEveryKeyUnderItButNoneBesideOrAbove()
    {
        var account = TestKeys.NewAccount();
        await Node.Accounts.InsertAsync(account, Ct);
        await Node.Ledger.PostAsync(Books.Credit(account.Id, 1_000_000), Ct);
        // top → maker → child → grandchild (revoked later: what it spent stays spent); top → sibling.
        var top = await KeyAsync(account.Id, null);
        var maker = await KeyAsync(account.Id, top);
        var child = await KeyAsync(account.Id, maker);
        var grandchild = await KeyAsync(account.Id, child);
        var sibling = await KeyAsync(account.Id, top);
        var day = new DateOnly(2025, 6, 1);
        var at = new DateTimeOffset(day, TimeOnly.MinValue, TimeSpan.Zero).AddHours(3);
        await Node.Ledger.CommitChargesAsync([
            Books.Pending(Books.Charge(account.Id, 1, 0, top, at)),
            Books.Pending(Books.Charge(account.Id, 10, 0, maker, at)),
            Books.Pending(Books.Charge(account.Id, 100, 0, child, at.AddDays(-1))),
            Books.Pending(Books.Charge(account.Id, 1_000, 0, grandchild, at)),
            Books.Pending(Books.Charge(account.Id, 10_000, 0, sibling, at)),
        ], Ct);
        await Node.Keys.RevokeAsync(grandchild, Start, Ct);

        Assert.Equal(new KeySpend(Total: 1_110, Day: 1_010, Month: 1_010), await NewNode().Queries.GetKeySpendAsync(maker, day, Ct));
        Assert.Equal(new KeySpend(Total: 1_100, Day: 1_000, Month: 1_000), await Node.Queries.GetKeySpendAsync(child, day, Ct));
        Assert.Equal(new KeySpend(Total: 11_111, Day: 11_011, Month: 11_011), await Node.Queries.GetKeySpendAsync(top, day, Ct));
        Assert.Equal(new KeySpend(Total: 10_000, Day: 10_000, Month: 10_000), await Node.Queries.GetKeySpendAsync(sibling, day, Ct));
    }

    [Fact]
    public async Task CommitChargesAsync_ChargeFromANodesLease_ShrinksThatLeaseOnly()
    {
        var account = await FundedAccountAsync(10_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 3_000, Start.AddMinutes(1), Ct);
        await Node.Ledger.AcquireLeaseAsync(account, "node-b", 0, 2_000, Start.AddMinutes(1), Ct);

        await Node.Ledger.CommitChargesAsync([
            Books.Pending(Books.Charge(account, 1_000, 100), "node-a"),
            Books.Pending(Books.Charge(account, 400, 0), "node-a"),
        ], Ct);

        Assert.Equal(8_500, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Equal(1_500 + 2_000, await Node.Ledger.GetLeasedAsync(account, Ct));
        Assert.Equal(1_500L, await Database.ScalarInt64Async($"SELECT amount FROM balance_leases WHERE account_id = '{account}' AND node_id = 'node-a'", Ct));
        Assert.Equal(2_000L, await Database.ScalarInt64Async($"SELECT amount FROM balance_leases WHERE account_id = '{account}' AND node_id = 'node-b'", Ct));
    }

    [Fact]
    public async Task CommitChargesAsync_ChargeBeyondTheLease_EmptiesTheLeaseWithoutGoingNegative()
    {
        var account = await FundedAccountAsync(10_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 500, Start.AddMinutes(1), Ct);

        await Node.Ledger.CommitChargesAsync([Books.Pending(Books.Charge(account, 800), "node-a")], Ct);

        Assert.Equal(0, await Node.Ledger.GetLeasedAsync(account, Ct));
        Assert.Equal(9_200, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
    }

    [Fact]
    public async Task CommitChargesAsync_ChargeFromALeaseLostToAnotherNode_IsRefusedAndTakesNothingLeased()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 1_000, Start.AddSeconds(30), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));
        await NewNode().Ledger.AcquireLeaseAsync(account, "node-b", 0, 1_000, Time.GetUtcNow().AddMinutes(1), Ct);

        // Node A settles a request after its lease expired and node B leased the whole balance.
        var outcomes = await Node.Ledger.CommitChargesAsync([Books.Pending(Books.Charge(account, 300), "node-a")], Ct);

        Assert.Equal([PostOutcome.InsufficientFunds], outcomes);
        Assert.Equal(1_000, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Equal(1_000, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task CommitChargesAsync_ChargeFromAnExpiredLeaseWhileMoneyIsFree_IsPaidFromTheFreeBalance()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 500, Start.AddSeconds(30), Ct);
        await NewNode().Ledger.AcquireLeaseAsync(account, "node-b", 0, 400, Start.AddMinutes(5), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));

        var outcomes = await Node.Ledger.CommitChargesAsync([
            Books.Pending(Books.Charge(account, 400), "node-a"),
            Books.Pending(Books.Charge(account, 300), "node-a"),
        ], Ct);

        // 600 are free beside node B's 400: the first charge fits, the second would take 100 of node B's money.
        Assert.Equal([PostOutcome.Posted, PostOutcome.InsufficientFunds], outcomes);
        Assert.Equal(600, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Equal(400, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task CommitChargesAsync_ChargeOfALeaseSinceReplaced_LeavesTheNewLeaseWhole()
    {
        var account = await FundedAccountAsync(10_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 500, Start.AddSeconds(30), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));
        var replaced = await Node.Ledger.AcquireLeaseAsync(account, "node-a", 1, 400, Time.GetUtcNow().AddMinutes(1), Ct);

        // Settled after the node started lease 2, against lease 1.
        var outcomes = await Node.Ledger.CommitChargesAsync([Books.Pending(Books.Charge(account, 300), "node-a", leaseId: 1)], Ct);

        Assert.Equal(2, replaced.LeaseId);
        Assert.Equal([PostOutcome.Posted], outcomes);
        Assert.Equal(9_700, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Equal(400L, await Database.ScalarInt64Async($"SELECT amount FROM balance_leases WHERE account_id = '{account}' AND node_id = 'node-a'", Ct));
    }

    [Fact]
    public async Task CommitChargesAsync_RefusedChargeFromALiveLease_GivesBackWhatTheLeaseHeldForIt()
    {
        var account = await FundedAccountAsync(1_000);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 500, Start.AddMinutes(1), Ct);
        await NewNode().Ledger.AcquireLeaseAsync(account, "node-b", 0, 500, Start.AddMinutes(1), Ct);

        // 500 from node A's lease, and 300 that nothing free covers.
        var outcomes = await Node.Ledger.CommitChargesAsync([Books.Pending(Books.Charge(account, 800), "node-a")], Ct);

        // The node stopped reserving it when the request settled; the database must not go on reserving it.
        Assert.Equal([PostOutcome.InsufficientFunds], outcomes);
        Assert.Equal(1_000, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Equal(0L, await Database.ScalarInt64Async($"SELECT amount FROM balance_leases WHERE account_id = '{account}' AND node_id = 'node-a'", Ct));
        Assert.Equal(500, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task CommitChargesAsync_ReferenceAlreadyRecorded_IsSkippedAsDuplicate()
    {
        var account = await FundedAccountAsync(10_000);
        var charge = Books.Charge(account, 1_000, 100, keyId: "key_dup_" + account);
        await Node.Ledger.CommitChargesAsync([Books.Pending(charge)], Ct);

        // A retried batch from another node, which also holds the same charge twice.
        var fresh = Books.Charge(account, 10);
        var outcomes = await NewNode().Ledger.CommitChargesAsync([Books.Pending(charge), Books.Pending(fresh), Books.Pending(charge)], Ct);

        Assert.Equal([PostOutcome.Duplicate, PostOutcome.Posted, PostOutcome.Duplicate], outcomes);
        Assert.Equal(10_000 - 1_100 - 10, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Equal(1_100, (await Node.Queries.GetKeySpendAsync(charge.KeyId!, DateOnly.FromDateTime(Books.At.UtcDateTime), Ct)).Total);
        Assert.Equal(1L, await Database.ScalarInt64Async($"SELECT COUNT(*) FROM charges WHERE request_id = '{charge.RequestId}'", Ct));
    }

    [Fact]
    public async Task CommitChargesAsync_ChargeLargerThanTheBalance_IsRefusedAndTheRestOfTheBatchCommits()
    {
        var account = await FundedAccountAsync(1_000);
        var first = Books.Charge(account, 600);
        var tooBig = Books.Charge(account, 500);
        var fits = Books.Charge(account, 400);

        var outcomes = await Node.Ledger.CommitChargesAsync([Books.Pending(first), Books.Pending(tooBig), Books.Pending(fits)], Ct);

        // Each charge is measured against what the earlier ones in the batch left.
        Assert.Equal([PostOutcome.Posted, PostOutcome.InsufficientFunds, PostOutcome.Posted], outcomes);
        Assert.Equal(0, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Null(await Node.Queries.FindChargeAsync(tooBig.RequestId, Ct));
        Assert.DoesNotContain(await Node.Queries.ListJournalAsync(new JournalQuery(account), Ct), e => e.Reference == ChargeRecord.ReferenceFor(tooBig.RequestId));
        Assert.True((await Node.Queries.ReconcileAsync(Ct)).IsBalanced);
    }

    [Fact]
    public async Task CommitChargesAsync_RefusedChargeRetriedAfterACredit_IsPosted()
    {
        var account = await FundedAccountAsync(100);
        var charge = Books.Charge(account, 150);
        Assert.Equal([PostOutcome.InsufficientFunds], await Node.Ledger.CommitChargesAsync([Books.Pending(charge)], Ct));
        await Node.Ledger.PostAsync(Books.Credit(account, 100), Ct);

        Assert.Equal([PostOutcome.Posted], await Node.Ledger.CommitChargesAsync([Books.Pending(charge)], Ct));
        Assert.Equal(50, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
    }

    [Fact]
    public async Task CommitChargesAsync_SeveralAccountsInOneBatch_MovesEachAccountsOwnBalance()
    {
        var alice = await FundedAccountAsync(1_000);
        var bob = await FundedAccountAsync(500);
        var broke = Books.NewAccountId();

        var outcomes = await Node.Ledger.CommitChargesAsync([
            Books.Pending(Books.Charge(bob, 100, 5)),
            Books.Pending(Books.Charge(alice, 300, 30)),
            Books.Pending(Books.Charge(broke, 1)),
            Books.Pending(Books.Charge(bob, 200, 0)),
        ], Ct);

        Assert.Equal([PostOutcome.Posted, PostOutcome.Posted, PostOutcome.InsufficientFunds, PostOutcome.Posted], outcomes);
        Assert.Equal(670, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(alice), Ct));
        Assert.Equal(195, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(bob), Ct));
        Assert.Equal(0, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(broke), Ct));
    }

    [Fact]
    public async Task CommitChargesAsync_BetweenTransactions_SharesTheirSequenceSoTheJournalKeepsOneOrder()
    {
        var account = await FundedAccountAsync(10_000);
        var first = Books.Charge(account, 100);
        var second = Books.Charge(account, 200, 20);
        var third = Books.Charge(account, 300);
        await Node.Ledger.CommitChargesAsync([Books.Pending(first)], Ct);
        var credit = Books.Credit(account, 5);
        await Node.Ledger.PostAsync(credit, Ct);
        await NewNode().Ledger.CommitChargesAsync([Books.Pending(second), Books.Pending(third)], Ct);

        var journal = await Node.Queries.ListJournalAsync(new JournalQuery(account, AfterSequence: await CreditSequenceAsync(account)), Ct);
        var pages = new List<JournalEntry>();
        for (var after = journal[0].Sequence - 1; await Node.Queries.ListJournalAsync(new JournalQuery(account, after, Limit: 1), Ct) is [var entry];
            after = entry.Sequence)
        {
            pages.Add(entry);
        }

        Assert.Equal(
            [ChargeRecord.ReferenceFor(first.RequestId), credit.Reference, ChargeRecord.ReferenceFor(second.RequestId), ChargeRecord.ReferenceFor(third.RequestId)],
            journal.Select(e => e.Reference));
        Assert.Equal(journal.Select(e => e.Sequence).Order(), journal.Select(e => e.Sequence));
        Assert.Equal(journal.Select(e => e.Reference), pages.Select(e => e.Reference));
        var all = await Node.Queries.ListJournalAsync(new JournalQuery(AfterSequence: journal[0].Sequence - 1, Limit: 1000), Ct);
        Assert.Equal(all.Count, all.Select(e => e.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task CommitChargesAsync_ChargeOfNothing_IsRecordedWithoutPostings()
    {
        var account = await FundedAccountAsync(1_000);
        var free = Books.Charge(account, 0);

        Assert.Equal([PostOutcome.Posted], await Node.Ledger.CommitChargesAsync([Books.Pending(free)], Ct));

        Assert.NotNull(await Node.Queries.FindChargeAsync(free.RequestId, Ct));
        var entry = (await Node.Queries.ListJournalAsync(new JournalQuery(account), Ct))[^1];
        Assert.Equal(ChargeRecord.ReferenceFor(free.RequestId), entry.Reference);
        Assert.Empty(entry.Postings);
        Assert.Equal(1_000, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.True((await Node.Queries.ReconcileAsync(Ct)).IsBalanced);
    }

    [Fact]
    public async Task ReconcileAsync_ChargeRowAlteredAfterwards_ReportsTheAccountsItNoLongerMatches()
    {
        var database = await Backend.CreateDatabaseAsync();
        var node = NewNode(database);
        var account = Books.NewAccountId();
        await node.Ledger.PostAsync(Books.Credit(account, 10_000), Ct);
        var charge = Books.Charge(account, 1_000, 100);
        await node.Ledger.CommitChargesAsync([Books.Pending(charge)], Ct);
        Assert.True((await node.Queries.ReconcileAsync(Ct)).IsBalanced);

        await database.ExecuteAsync($"UPDATE charges SET provider_cost = 1001 WHERE request_id = '{charge.RequestId}'", Ct);
        var books = await node.Queries.ReconcileAsync(Ct);

        // The row's legs still balance (they are made from it), but no longer agree with what the balances were moved by.
        Assert.False(books.IsBalanced);
        Assert.Equal(0, books.SumOfPostings);
        Assert.Equal([LedgerAccounts.ProviderCost, LedgerAccounts.User(account)], books.CachedBalanceMismatches);
    }

    [Fact]
    public async Task CommitChargesAsync_EmptyBatch_ReturnsNoOutcomes()
    {
        Assert.Empty(await Node.Ledger.CommitChargesAsync([], Ct));
    }

    /// <summary>A key of the account, made by <paramref name="makerId"/>; returns its id.</summary>
    private async Task<string> KeyAsync(string accountId, string? makerId)
    {
        var key = TestKeys.NewKey(accountId).Record with { MakerId = makerId };
        Assert.True(await Node.Keys.InsertAsync(key, Ct));
        return key.Id;
    }

    private async Task<string> FundedAccountAsync(long amount)
    {
        var account = Books.NewAccountId();
        await Node.Ledger.PostAsync(Books.Credit(account, amount), Ct);
        return account;
    }

    private async Task<long> CreditSequenceAsync(string account) =>
        (await Node.Queries.ListJournalAsync(new JournalQuery(account), Ct))[0].Sequence;
}
