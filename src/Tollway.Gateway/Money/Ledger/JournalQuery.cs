namespace Tollway.Gateway.Money.Ledger;

/// <summary>A page of the journal: entries after <see cref="AfterSequence"/>, optionally only those touching one customer account.</summary>
public sealed record JournalQuery(string? AccountId = null, long AfterSequence = 0, int Limit = 100);
