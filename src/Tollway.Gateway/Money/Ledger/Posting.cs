namespace Tollway.Gateway.Money.Ledger;

/// <summary>One leg of a transaction: an amount in nano-USD added to (positive) or taken from (negative) an account.</summary>
public readonly record struct Posting(string Account, long Amount);
