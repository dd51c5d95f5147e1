namespace Tollway.Chain.X402;

/// <summary>A facilitator's <c>/verify</c> answer.</summary>
public sealed record FacilitatorVerifyResponse(bool IsValid, string? InvalidReason, string? Payer);
