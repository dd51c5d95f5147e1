using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Tests.Money.Ledger;

public sealed class ChargeRecordTests
{
    [Fact]
    public void PostingsOf_CostAndMarkup_UserPaysTheTotalSplitBetweenProviderCostAndMarkup()
    {
        var postings = ChargeRecord.PostingsOf("acct_a", 1_200, 180);

        Assert.Equal(
            [new Posting("user:acct_a", -1_380), new Posting(LedgerAccounts.ProviderCost, 1_200), new Posting(LedgerAccounts.MarkupRevenue, 180)],
            postings);
        Assert.Equal(0, postings.Sum(p => p.Amount));
    }

    [Theory]
    [InlineData(700, 0, 2)]
    [InlineData(0, 50, 2)]
    [InlineData(0, 0, 0)]
    public void PostingsOf_ZeroParts_HaveNoLeg(long providerCost, long markup, int legs)
    {
        var postings = ChargeRecord.PostingsOf("acct_a", providerCost, markup);

        Assert.Equal(legs, postings.Count);
        Assert.DoesNotContain(postings, p => p.Amount == 0);
        Assert.Equal(0, postings.Sum(p => p.Amount));
    }

    [Fact]
    public void JournalEntryOf_ChargeRow_IsAChargeEntryUnderItsReference()
    {
        var at = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

        var entry = ChargeRecord.JournalEntryOf(42, "gen-abc", "acct_a", 100, 10, at);

        Assert.Equal(42, entry.Sequence);
        Assert.Equal("charge:gen-abc", entry.Reference);
        Assert.Equal(LedgerTransactionKind.Charge, entry.Kind);
        Assert.Equal(at, entry.CreatedAt);
        Assert.Null(entry.Memo);
        Assert.Equal(ChargeRecord.PostingsOf("acct_a", 100, 10), entry.Postings);
    }
}
