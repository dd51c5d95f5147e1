using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// An operator's credit or debit of an account: a credit moves money from the deposits account to the user, a debit
/// from the user to adjustments. Its reference carries the operator's idempotency key, so a retried command moves
/// money once.
/// </summary>
/// <param name="AccountId">The account credited or debited.</param>
/// <param name="Kind"><see cref="LedgerTransactionKind.Credit"/> or <see cref="LedgerTransactionKind.Debit"/>.</param>
/// <param name="Amount">How much, in nano-USD; more than zero.</param>
/// <param name="Reason">The operator's reason, kept in the journal.</param>
/// <param name="IdempotencyKey">The operator's key for this move.</param>
internal readonly record struct OperatorMove(string AccountId, LedgerTransactionKind Kind, long Amount, string Reason, string IdempotencyKey)
{
    /// <summary>The ledger account the money leaves.</summary>
    public string From => Kind == LedgerTransactionKind.Credit ? LedgerAccounts.Deposits : LedgerAccounts.User(AccountId);

    /// <summary>The ledger account the money reaches.</summary>
    public string To => Kind == LedgerTransactionKind.Credit ? LedgerAccounts.User(AccountId) : LedgerAccounts.Adjustments;

    /// <summary>The transaction's unique reference.</summary>
    public string Reference => $"{(Kind == LedgerTransactionKind.Credit ? "credit" : "debit")}:{AccountId}:{IdempotencyKey}";
}
