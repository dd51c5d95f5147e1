namespace Tollway.Gateway.Money.Ledger;

/// <summary>Everything ever paid into an account (credits and deposits, less operator debits) and everything spent from it, in nano-USD.</summary>
public readonly record struct AccountTotals(long TotalCredits, long TotalUsage);
