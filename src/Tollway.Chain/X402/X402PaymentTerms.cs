namespace Tollway.Chain.X402;

/// <summary>
/// What a payment for one request must match: the offers this gateway makes, the request's worst case (its quote), the
/// longest settlement the challenge allows, and how long the authorization must still be valid from <see cref="Now"/>
/// (the settlement timeout and a margin).
/// </summary>
public sealed record X402PaymentTerms(
    IReadOnlyList<X402Offer> Offers, long WorstCaseNanos, int MaxTimeoutSeconds, DateTimeOffset Now, TimeSpan MinimumValidity);
