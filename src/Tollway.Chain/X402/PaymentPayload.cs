namespace Tollway.Chain.X402;

/// <summary>
/// What a client pays with, in either version: v2 (<c>PAYMENT-SIGNATURE</c>) names the chosen offer in
/// <paramref name="Accepted"/>; v1 (<c>X-PAYMENT</c>) names only <paramref name="Scheme"/> and <paramref name="Network"/>.
/// Every field is optional here so that a malformed payment is answered with a reason rather than an exception.
/// </summary>
public sealed record PaymentPayload(
    int X402Version,
    PaymentRequirements? Accepted,
    string? Scheme,
    string? Network,
    ExactEvmPayload? Payload,
    ResourceInfo? Resource = null);
