using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Tests.Money.Ledger;

public sealed class LedgerAccountsTests
{
    [Fact]
    public void AccountOf_UserLedgerAccount_IsTheCustomerAccount()
    {
        Assert.Equal("acct_a", LedgerAccounts.AccountOf(LedgerAccounts.User("acct_a")));
    }

    [Fact]
    public void IsUser_SystemAccount_IsFalse()
    {
        Assert.True(LedgerAccounts.IsUser(LedgerAccounts.User("acct_a")));
        Assert.All(LedgerAccounts.SystemAccounts, account => Assert.False(LedgerAccounts.IsUser(account)));
    }
}
