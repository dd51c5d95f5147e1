namespace Tollway.Gateway.Money.Ledger;

/// <summary>What posting a transaction did.</summary>
public enum PostOutcome
{
    /// <summary>The transaction was recorded.</summary>
    Posted,

    /// <summary>A transaction with the same reference was recorded before; nothing changed.</summary>
    Duplicate,

    /// <summary>The database refused it for good (retrying would not help); nothing changed, and the failure was logged.</summary>
    Failed,

    /// <summary>It would have taken a user account below what it has free (its balance less what nodes hold leased); nothing changed.</summary>
    InsufficientFunds,
}
