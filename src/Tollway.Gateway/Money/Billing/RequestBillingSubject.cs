namespace Tollway.Gateway.Money.Billing;

/// <summary>Who and what a request's charge is about.</summary>
internal sealed record RequestBillingSubject(string RequestId, string? KeyId);
