namespace Tollway.Gateway.Money.Ledger;

/// <summary>What a key and the keys made under it have spent, in nano-USD: in total, on the given day, and in that day's
/// month (UTC).</summary>
public readonly record struct KeySpend(long Total, long Day, long Month);
