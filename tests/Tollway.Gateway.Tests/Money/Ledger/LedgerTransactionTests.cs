using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Tests.Money.Ledger;

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

    [Fact]
    public void NetMovements_SameAccountTwice_AddsItsLegs()
    {
        var transaction = new LedgerTransaction("credit:x", LedgerTransactionKind.Credit, At,
            [new Posting(LedgerAccounts.Deposits, -100), new Posting(LedgerAccounts.User("acct_a"), 70), new Posting(LedgerAccounts.User("acct_a"), 30)]);

        Assert.Equal(
            new Dictionary<string, long> { [LedgerAccounts.Deposits] = -100, [LedgerAccounts.User("acct_a")] = 100 },
            transaction.NetMovements());
    }

    [Fact]
    public void CustomerDebits_Debit_IsWhatLeavesTheCustomerAndNothingOfSystemAccounts()
    {
        var debit = LedgerTransaction.Transfer("debit:x", LedgerTransactionKind.Debit, At, LedgerAccounts.User("acct_a"), LedgerAccounts.Adjustments, 40);

        Assert.Equal(new Dictionary<string, long> { [LedgerAccounts.User("acct_a")] = 40 }, debit.CustomerDebits());
    }

    [Fact]
    public void CustomerDebits_CreditToACustomer_IsEmpty()
    {
        var credit = LedgerTransaction.Transfer("credit:x", LedgerTransactionKind.Credit, At, LedgerAccounts.Deposits, LedgerAccounts.User("acct_a"), 40);

        Assert.Empty(credit.CustomerDebits());
        Assert.True(credit.IsCoveredBy(new Dictionary<string, long>()));
    }

    [Fact]
    public void CustomerDebits_TakenAndPaidBackInOneTransaction_CountsTheNet()
    {
        var transaction = new LedgerTransaction("debit:x", LedgerTransactionKind.Debit, At,
            [new Posting(LedgerAccounts.User("acct_a"), -100), new Posting(LedgerAccounts.User("acct_a"), 60), new Posting(LedgerAccounts.Adjustments, 40)]);

        Assert.Equal(new Dictionary<string, long> { [LedgerAccounts.User("acct_a")] = 40 }, transaction.CustomerDebits());
    }

    [Theory]
    [InlineData(40, true)]
    [InlineData(41, true)]
    [InlineData(39, false)]
    [InlineData(-5, false)]
    public void IsCoveredBy_FreeBalance_CoversADebitUpToIt(long free, bool covered)
    {
        var debit = LedgerTransaction.Transfer("debit:x", LedgerTransactionKind.Debit, At, LedgerAccounts.User("acct_a"), LedgerAccounts.Adjustments, 40);

        Assert.Equal(covered, debit.IsCoveredBy(new Dictionary<string, long> { [LedgerAccounts.User("acct_a")] = free }));
    }

    [Fact]
    public void IsCoveredBy_CustomerNotRead_IsNotCovered()
    {
        var debit = LedgerTransaction.Transfer("debit:x", LedgerTransactionKind.Debit, At, LedgerAccounts.User("acct_a"), LedgerAccounts.Adjustments, 1);

        Assert.False(debit.IsCoveredBy(new Dictionary<string, long> { [LedgerAccounts.User("acct_b")] = 1_000 }));
    }
}
