namespace Tollway.Gateway.Ledger;

/// <summary>The answer to a lease request: how much was granted, and the account's balance and total leased after it.</summary>
public readonly record struct LeaseGrant(long Granted, long Balance, long Leased);
