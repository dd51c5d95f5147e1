namespace Tollway.Gateway.Money.Ledger;

/// <summary>Why money moved.</summary>
public enum LedgerTransactionKind
{
    /// <summary>A request was paid for: user → provider cost + markup revenue.</summary>
    Charge = 1,

    /// <summary>The operator added money: deposits → user.</summary>
    Credit = 2,

    /// <summary>The operator took money back: user → adjustments.</summary>
    Debit = 3,

    /// <summary>An on-chain deposit was credited: deposits → user.</summary>
    Deposit = 4,
}
