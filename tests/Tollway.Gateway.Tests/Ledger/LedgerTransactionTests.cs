using Tollway.Gateway.Ledger;

namespace Tollway.Gateway.Tests.Ledger;

public sealed class LedgerTransactionTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Constructor_ChargeKind_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => LedgerTransaction.Transfer(
            "credit:looks-fine", LedgerTransactionKind.Charge, At, LedgerAccounts.User("acct_a"), LedgerAccounts.ProviderCost, 10));
    }

    [Fact]
    public void Constructor_ChargeReferenceOnAnotherKind_IsRefused()
    {
        // The reference of a charge row (charge:gen-…) is the charge's own; a transaction must not take it.
        Assert.Throws<ArgumentException>(() => LedgerTransaction.Transfer(
            ChargeRecord.ReferenceFor("gen-abc"), LedgerTransactionKind.Debit, At, LedgerAccounts.User("acct_a"), LedgerAccounts.Adjustments, 10));
    }

    [Fact]
    public void Constructor_UnbalancedPostings_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new LedgerTransaction(
            "credit:x", LedgerTransactionKind.Credit, At, [new Posting(LedgerAccounts.Deposits, -10), new Posting(LedgerAccounts.User("acct_a"), 9)]));
    }
}
