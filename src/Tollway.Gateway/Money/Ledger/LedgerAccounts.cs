namespace Tollway.Gateway.Money.Ledger;

/// <summary>
/// Names of ledger accounts. A user account holds one customer's money; system accounts are where it comes from and
/// goes to. Every transaction's postings sum to zero, so the sum over all accounts is zero at every moment: money is
/// only ever moved, never made or lost.
/// </summary>
public static class LedgerAccounts
{
    /// <summary>Where deposits and operator credits come from (its balance is minus everything ever paid in).</summary>
    public const string Deposits = "system:deposits";

    /// <summary>What providers are owed for the requests served (the raw model cost).</summary>
    public const string ProviderCost = "system:provider_cost";

    /// <summary>The operator's markup earned on top of the provider cost.</summary>
    public const string MarkupRevenue = "system:markup_revenue";

    /// <summary>The other side of operator debits and corrections.</summary>
    public const string Adjustments = "system:adjustments";

    /// <summary>Every system account, for reconciliation.</summary>
    public static IReadOnlyList<string> SystemAccounts { get; } = [Deposits, ProviderCost, MarkupRevenue, Adjustments];

    private const string UserPrefix = "user:";

    /// <summary>The ledger account of a customer account.</summary>
    public static string User(string accountId) => UserPrefix + accountId;

    /// <summary>Whether a ledger account belongs to a customer.</summary>
    public static bool IsUser(string ledgerAccount) => ledgerAccount.StartsWith(UserPrefix, StringComparison.Ordinal);

    /// <summary>The customer account of a customer's ledger account (see <see cref="IsUser"/>).</summary>
    public static string AccountOf(string userLedgerAccount) => userLedgerAccount[UserPrefix.Length..];
}
