namespace Tollway.Chain.X402;

/// <summary>The x402 version-1 challenge, sent as the JSON body of the 402 so that version-1 clients can pay too.</summary>
public sealed record PaymentRequiredV1(int X402Version, string Error, IReadOnlyList<PaymentRequirementsV1> Accepts);
