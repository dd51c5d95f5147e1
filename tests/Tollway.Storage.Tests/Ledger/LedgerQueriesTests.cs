using Tollway.Gateway.Money.Ledger;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

/// <summary><see cref="ILedgerQueries"/>: the journal, usage and totals as the operator and the account API read them.</summary>
public abstract class LedgerQueriesTests(StorageBackend backend) : StorageTests(backend)
{
    [Fact]
    public async Task ListJournalAsync_Pages_ReturnEveryEntryOnceInSequenceOrder()
    {
        var node = NewNode(await Backend.CreateDatabaseAsync());
        var account = Books.NewAccountId();
        var references = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var credit = Books.Credit(account, 100 + i);
            references.Add(credit.Reference);
            await node.Ledger.PostAsync(credit, Ct);
        }

        var seen = new List<JournalEntry>();
        var after = 0L;
        while (true)
        {
            var page = await node.Queries.ListJournalAsync(new JournalQuery(AfterSequence: after, Limit: 3), Ct);
            if (page.Count == 0)
            {
                break;
            }

            Assert.True(page.Count <= 3);
            seen.AddRange(page);
            after = page[^1].Sequence;
        }

        Assert.Equal(references, seen.Select(e => e.Reference));
        Assert.Equal(seen.Select(e => e.Sequence).Order(), seen.Select(e => e.Sequence));
        Assert.All(seen, e => Assert.Equal(2, e.Postings.Count));
        Assert.Equal(new Posting(LedgerAccounts.User(account), 106), seen[^1].Postings[1]);
    }

    [Fact]
    public async Task ListJournalAsync_AccountFilter_ReturnsOnlyEntriesThatTouchTheAccount()
    {
        var mine = Books.NewAccountId();
        var theirs = Books.NewAccountId();
        var myCredit = Books.Credit(mine, 1_000);
        await Node.Ledger.PostAsync(myCredit, Ct);
        await Node.Ledger.PostAsync(Books.Credit(theirs, 1_000), Ct);
        var myCharge = Books.Charge(mine, 50, 5);
        await Node.Ledger.CommitChargesAsync([Books.Pending(myCharge), Books.Pending(Books.Charge(theirs, 70))], Ct);
        var myDebit = Books.Debit(mine, 10);
        await Node.Ledger.PostAsync(myDebit, Ct);

        var journal = await Node.Queries.ListJournalAsync(new JournalQuery(mine), Ct);
        var afterFirst = await Node.Queries.ListJournalAsync(new JournalQuery(mine, AfterSequence: journal[0].Sequence, Limit: 1), Ct);

        Assert.Equal([myCredit.Reference, ChargeRecord.ReferenceFor(myCharge.RequestId), myDebit.Reference], journal.Select(e => e.Reference));
        Assert.All(journal, e => Assert.Contains(e.Postings, p => p.Account == LedgerAccounts.User(mine)));
        Assert.Equal([ChargeRecord.ReferenceFor(myCharge.RequestId)], afterFirst.Select(e => e.Reference));
    }

    [Fact]
    public async Task ListJournalAsync_UnknownAccount_ReturnsEmpty()
    {
        Assert.Empty(await Node.Queries.ListJournalAsync(new JournalQuery(Books.NewAccountId()), Ct));
    }

    [Fact]
    public async Task ListUsageAsync_Charges_AreGroupedByDayNewestFirstThenByModel()
    {
        var account = Books.NewAccountId();
        await Node.Ledger.PostAsync(Books.Credit(account, 1_000_000), Ct);
        var day1 = new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var day2 = day1.AddDays(1);
        await Node.Ledger.CommitChargesAsync([
            Books.Pending(Books.Charge(account, 100, 10, at: day1, model: "gpt-4o")),
            Books.Pending(Books.Charge(account, 200, 20, at: day1.AddHours(15).AddMinutes(59), model: "gpt-4o")),
            Books.Pending(Books.Charge(account, 300, 0, at: day1, model: "claude-sonnet")),
            Books.Pending(Books.Charge(account, 400, 0, at: day2, model: "gpt-4o")),
            Books.Pending(Books.Charge(Books.NewAccountId(), 1, at: day1)), // someone else's (refused, no money)
        ], Ct);

        var usage = await Node.Queries.ListUsageAsync(account, null, null, 0, 100, Ct);

        Assert.Equal(
            [(new DateOnly(2025, 6, 2), "gpt-4o"), (new DateOnly(2025, 6, 1), "claude-sonnet"), (new DateOnly(2025, 6, 1), "gpt-4o")],
            usage.Select(u => (u.Day, u.Model)));
        // Books.Charge: 1200 prompt, 340 completion, 100 reasoning, 200 cached tokens each.
        Assert.Equal(new UsageRow(new DateOnly(2025, 6, 1), "gpt-4o", 2, 2_400, 680, 200, 400, 330), usage[2]);
        Assert.Equal(400, usage[0].Cost);
    }

    [Fact]
    public async Task ListUsageAsync_DayRangeAndPaging_SelectTheRowsAsked()
    {
        var account = Books.NewAccountId();
        await Node.Ledger.PostAsync(Books.Credit(account, 1_000_000), Ct);
        var first = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        await Node.Ledger.CommitChargesAsync([.. Enumerable.Range(0, 5).Select(d => Books.Pending(Books.Charge(account, 10 + d, at: first.AddDays(d))))], Ct);

        var middle = await Node.Queries.ListUsageAsync(account, new DateOnly(2025, 6, 2), new DateOnly(2025, 6, 4), 0, 100, Ct);
        var from = await Node.Queries.ListUsageAsync(account, new DateOnly(2025, 6, 4), null, 0, 100, Ct);
        var until = await Node.Queries.ListUsageAsync(account, null, new DateOnly(2025, 6, 1), 0, 100, Ct);
        var page = await Node.Queries.ListUsageAsync(account, null, null, 1, 2, Ct);

        Assert.Equal([4, 3, 2], middle.Select(u => u.Day.Day));
        Assert.Equal([5, 4], from.Select(u => u.Day.Day));
        Assert.Equal([1], until.Select(u => u.Day.Day));
        Assert.Equal([4, 3], page.Select(u => u.Day.Day));
        Assert.Equal([13L, 12L], page.Select(u => u.Cost));
    }

    [Fact]
    public async Task GetAccountTotalsAsync_CreditsDepositsDebitsAndCharges_SplitsPaidInFromUsage()
    {
        var account = Books.NewAccountId();
        await Node.Ledger.PostAsync(Books.Credit(account, 5_000), Ct);
        await Node.Ledger.PostAsync(Books.Deposit(account, 3_000), Ct);
        await Node.Ledger.PostAsync(Books.Debit(account, 1_000), Ct);
        await Node.Ledger.CommitChargesAsync([Books.Pending(Books.Charge(account, 400, 40)), Books.Pending(Books.Charge(account, 60))], Ct);
        await Node.Ledger.PostAsync(Books.Credit(Books.NewAccountId(), 777), Ct);

        var totals = await Node.Queries.GetAccountTotalsAsync(account, Ct);

        // An operator debit takes back what was paid in; it is not usage.
        Assert.Equal(new AccountTotals(TotalCredits: 7_000, TotalUsage: 500), totals);
        Assert.Equal(totals.TotalCredits - totals.TotalUsage, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
    }

    [Fact]
    public async Task GetAccountTotalsAsync_UnknownAccount_ReturnsZeros()
    {
        Assert.Equal(default, await Node.Queries.GetAccountTotalsAsync(Books.NewAccountId(), Ct));
    }
}
