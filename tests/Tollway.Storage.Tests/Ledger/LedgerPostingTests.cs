using Tollway.Gateway.Money.Ledger;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

/// <summary><see cref="ILedgerStore.PostAsync"/>: credits, debits and what protects them, on every backend.</summary>
public abstract class LedgerPostingTests(StorageBackend backend) : StorageTests(backend)
{
    [Fact]
    public async Task PostAsync_Credit_MovesMoneyFromDepositsToTheUser()
    {
        var account = Books.NewAccountId();
        var depositsBefore = await Node.Ledger.GetBalanceAsync(LedgerAccounts.Deposits, Ct);

        var outcome = await Node.Ledger.PostAsync(Books.Credit(account, 5_000_000_000), Ct);

        Assert.Equal(PostOutcome.Posted, outcome);
        Assert.Equal(5_000_000_000, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Equal(depositsBefore - 5_000_000_000, await Node.Ledger.GetBalanceAsync(LedgerAccounts.Deposits, Ct));
    }

    [Fact]
    public async Task PostAsync_SameReferenceReplayed_ReturnsDuplicateAndChangesNothing()
    {
        var account = Books.NewAccountId();
        var credit = Books.Credit(account, 1_000, reference: "credit:op-" + account);
        await Node.Ledger.PostAsync(credit, Ct);
        var depositsBefore = await Node.Ledger.GetBalanceAsync(LedgerAccounts.Deposits, Ct);

        // Same reference, even with another amount: a replay is recognised by its reference alone.
        var replay = await Node.Ledger.PostAsync(Books.Credit(account, 9_999, reference: credit.Reference), Ct);
        var fromAnotherNode = await NewNode().Ledger.PostAsync(credit, Ct);

        Assert.Equal(PostOutcome.Duplicate, replay);
        Assert.Equal(PostOutcome.Duplicate, fromAnotherNode);
        Assert.Equal(1_000, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Equal(depositsBefore, await Node.Ledger.GetBalanceAsync(LedgerAccounts.Deposits, Ct));
        Assert.Single(await Node.Queries.ListJournalAsync(new JournalQuery(account), Ct));
    }

    [Fact]
    public async Task PostAsync_DebitWithinBalance_MovesMoneyToAdjustments()
    {
        var account = Books.NewAccountId();
        await Node.Ledger.PostAsync(Books.Credit(account, 1_000), Ct);
        var adjustmentsBefore = await Node.Ledger.GetBalanceAsync(LedgerAccounts.Adjustments, Ct);

        var outcome = await Node.Ledger.PostAsync(Books.Debit(account, 1_000), Ct);

        // All of it: free balance equal to the debit is enough.
        Assert.Equal(PostOutcome.Posted, outcome);
        Assert.Equal(0, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Equal(adjustmentsBefore + 1_000, await Node.Ledger.GetBalanceAsync(LedgerAccounts.Adjustments, Ct));
    }

    [Fact]
    public async Task PostAsync_DebitBeyondBalance_ReturnsInsufficientFundsAndMovesNothing()
    {
        var account = Books.NewAccountId();
        await Node.Ledger.PostAsync(Books.Credit(account, 1_000), Ct);
        var adjustmentsBefore = await Node.Ledger.GetBalanceAsync(LedgerAccounts.Adjustments, Ct);
        var debit = Books.Debit(account, 1_001);

        var outcome = await Node.Ledger.PostAsync(debit, Ct);

        Assert.Equal(PostOutcome.InsufficientFunds, outcome);
        Assert.Equal(1_000, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Equal(adjustmentsBefore, await Node.Ledger.GetBalanceAsync(LedgerAccounts.Adjustments, Ct));
        Assert.DoesNotContain(await Node.Queries.ListJournalAsync(new JournalQuery(account), Ct), e => e.Reference == debit.Reference);
        // The refused reference is not burnt: once there is money, the same debit goes through.
        await Node.Ledger.PostAsync(Books.Credit(account, 1), Ct);
        Assert.Equal(PostOutcome.Posted, await Node.Ledger.PostAsync(debit, Ct));
    }

    [Fact]
    public async Task PostAsync_DebitOfAnAccountThatNeverHadMoney_ReturnsInsufficientFunds()
    {
        var account = Books.NewAccountId();

        Assert.Equal(PostOutcome.InsufficientFunds, await Node.Ledger.PostAsync(Books.Debit(account, 1), Ct));
        Assert.Equal(0, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
    }

    [Fact]
    public async Task PostAsync_DebitIntoActiveLeases_ReturnsInsufficientFunds()
    {
        var account = Books.NewAccountId();
        await Node.Ledger.PostAsync(Books.Credit(account, 1_000), Ct);
        await Node.Ledger.AcquireLeaseAsync(account, "node-a", 0, 400, Start.AddMinutes(1), Ct);
        await NewNode().Ledger.AcquireLeaseAsync(account, "node-b", 0, 200, Start.AddMinutes(1), Ct);

        // 400 are free: the leased 600 are held by nodes that may be serving requests against them right now.
        var tooMuch = await Node.Ledger.PostAsync(Books.Debit(account, 401), Ct);
        var allFree = await Node.Ledger.PostAsync(Books.Debit(account, 400), Ct);

        Assert.Equal(PostOutcome.InsufficientFunds, tooMuch);
        Assert.Equal(PostOutcome.Posted, allFree);
        Assert.Equal(600, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        Assert.Equal(600, await Node.Ledger.GetLeasedAsync(account, Ct));
    }

    [Fact]
    public async Task PostAsync_DebitWhereOnlyAnExpiredLeaseStands_IgnoresTheExpiredLease()
    {
        var account = Books.NewAccountId();
        await Node.Ledger.PostAsync(Books.Credit(account, 1_000), Ct);
        await Node.Ledger.AcquireLeaseAsync(account, "node-dead", 0, 700, Start.AddSeconds(30), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));

        // The contract frees "active" leases only; a node that died must not lock its slice away until the sweep.
        var outcome = await Node.Ledger.PostAsync(Books.Debit(account, 1_000), Ct);

        Assert.Equal(PostOutcome.Posted, outcome);
        Assert.Equal(0, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
    }

    [Fact]
    public async Task PostAsync_CreditOfAnotherAccount_IsNotLimitedByThisAccountsLeases()
    {
        var leased = Books.NewAccountId();
        var other = Books.NewAccountId();
        await Node.Ledger.PostAsync(Books.Credit(leased, 1_000), Ct);
        await Node.Ledger.AcquireLeaseAsync(leased, "node-a", 0, 1_000, Start.AddMinutes(1), Ct);

        Assert.Equal(PostOutcome.Posted, await Node.Ledger.PostAsync(Books.Credit(other, 50), Ct));
        Assert.Equal(PostOutcome.Posted, await Node.Ledger.PostAsync(Books.Debit(other, 50), Ct));
        Assert.Equal(PostOutcome.InsufficientFunds, await Node.Ledger.PostAsync(Books.Debit(leased, 1), Ct));
    }

    [Fact]
    public async Task PostAsync_KindMemoAndTime_AreKeptInTheJournal()
    {
        var account = Books.NewAccountId();
        var at = Start.AddDays(3).AddTicks(12_345);
        var deposit = Books.Deposit(account, 2_500, at);

        await Node.Ledger.PostAsync(deposit, Ct);
        await Node.Ledger.PostAsync(Books.Debit(account, 500, at: at), Ct);

        var journal = await Node.Queries.ListJournalAsync(new JournalQuery(account), Ct);
        Assert.Equal(2, journal.Count);
        Assert.Equal(deposit.Reference, journal[0].Reference);
        Assert.Equal(LedgerTransactionKind.Deposit, journal[0].Kind);
        Assert.Null(journal[0].Memo);
        Assert.Equal(TestKeys.Millis(at), journal[0].CreatedAt);
        Assert.Equal(deposit.Postings, journal[0].Postings);
        Assert.Equal(LedgerTransactionKind.Debit, journal[1].Kind);
        Assert.Equal("test debit", journal[1].Memo);
        Assert.True(journal[1].Sequence > journal[0].Sequence);
    }

    [Fact]
    public async Task ReconcileAsync_AfterCreditsDebitsLeasesAndCharges_IsBalancedWithExactTotals()
    {
        // A database of its own, so every total is known.
        var database = await Backend.CreateDatabaseAsync();
        var node = NewNode(database);
        var alice = Books.NewAccountId();
        var bob = Books.NewAccountId();
        await node.Ledger.PostAsync(Books.Credit(alice, 10_000), Ct);
        await node.Ledger.PostAsync(Books.Deposit(bob, 4_000), Ct);
        await node.Ledger.PostAsync(Books.Debit(bob, 1_000), Ct);
        await node.Ledger.PostAsync(Books.Debit(alice, 20_000), Ct); // refused
        await node.Ledger.AcquireLeaseAsync(alice, "node-a", 0, 5_000, Start.AddMinutes(1), Ct);
        await node.Ledger.CommitChargesAsync([Books.Pending(Books.Charge(alice, 1_200, 300)), Books.Pending(Books.Charge(bob, 100, 0), "node-b")], Ct);

        var books = await node.Queries.ReconcileAsync(Ct);

        Assert.True(books.IsBalanced, $"unbalanced: {string.Join(", ", books.UnbalancedTransactions.Concat(books.CachedBalanceMismatches))}");
        Assert.Equal(0, books.SumOfPostings);
        Assert.Equal(8_500 + 2_900, books.UserBalances);
        Assert.Equal(3_500, books.ActiveLeases);
        Assert.Equal(-14_000, books.SystemAccounts[LedgerAccounts.Deposits]);
        Assert.Equal(1_300, books.SystemAccounts[LedgerAccounts.ProviderCost]);
        Assert.Equal(300, books.SystemAccounts[LedgerAccounts.MarkupRevenue]);
        Assert.Equal(1_000, books.SystemAccounts[LedgerAccounts.Adjustments]);
        Assert.Equal(0, books.SystemAccounts.Values.Sum() + books.UserBalances);
    }

    [Fact]
    public async Task ReconcileAsync_EmptyBooks_IsBalancedWithEverySystemAccountAtZero()
    {
        var node = NewNode(await Backend.CreateDatabaseAsync());

        var books = await node.Queries.ReconcileAsync(Ct);

        Assert.True(books.IsBalanced);
        Assert.Equal(LedgerAccounts.SystemAccounts.Order(StringComparer.Ordinal), books.SystemAccounts.Keys.Order(StringComparer.Ordinal));
        Assert.All(books.SystemAccounts.Values, v => Assert.Equal(0, v));
    }

    [Fact]
    public async Task ReconcileAsync_CachedBalanceTamperedWith_ReportsTheAccount()
    {
        var database = await Backend.CreateDatabaseAsync();
        var node = NewNode(database);
        var account = Books.NewAccountId();
        await node.Ledger.PostAsync(Books.Credit(account, 1_000), Ct);
        await database.ExecuteAsync($"UPDATE ledger_balances SET balance = balance + 1 WHERE account = 'user:{account}'", Ct);

        var books = await node.Queries.ReconcileAsync(Ct);

        Assert.False(books.IsBalanced);
        Assert.Equal([LedgerAccounts.User(account)], books.CachedBalanceMismatches);
        Assert.Empty(books.UnbalancedTransactions);
        Assert.Equal(0, books.SumOfPostings);
    }

    [Fact]
    public async Task ReconcileAsync_PostingTamperedWith_ReportsTheTransactionAndTheSum()
    {
        var database = await Backend.CreateDatabaseAsync();
        var node = NewNode(database);
        var account = Books.NewAccountId();
        var credit = Books.Credit(account, 1_000);
        await node.Ledger.PostAsync(credit, Ct);
        await database.ExecuteAsync($"UPDATE ledger_postings SET amount = 999 WHERE account = 'user:{account}'", Ct);

        var books = await node.Queries.ReconcileAsync(Ct);

        Assert.False(books.IsBalanced);
        Assert.Equal(-1, books.SumOfPostings);
        Assert.Equal([credit.Reference], books.UnbalancedTransactions);
        Assert.Equal([LedgerAccounts.User(account)], books.CachedBalanceMismatches);
    }

    [Fact]
    public async Task GetBalanceAsync_AccountThatNeverMoved_ReturnsZero()
    {
        Assert.Equal(0, await Node.Ledger.GetBalanceAsync(LedgerAccounts.User(Books.NewAccountId()), Ct));
    }
}
