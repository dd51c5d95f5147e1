namespace Tollway.Chain.X402;

/// <summary>The body of a facilitator's <c>/verify</c> and <c>/settle</c>: the payment as the client sent it and the
/// requirements it pays.</summary>
public sealed record FacilitatorRequest(int X402Version, PaymentPayload PaymentPayload, PaymentRequirements PaymentRequirements);
