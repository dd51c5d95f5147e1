namespace Tollway.Gateway.Money.Billing;

/// <summary>A hold, or how much the account had free when it could not be taken.</summary>
public readonly record struct HoldOutcome(Hold? Hold, long Available);
