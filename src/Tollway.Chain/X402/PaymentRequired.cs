namespace Tollway.Chain.X402;

/// <summary>The x402 v2 challenge (<c>PaymentRequired</c>), sent base64-encoded in the <c>PAYMENT-REQUIRED</c> header.
/// <paramref name="Error"/> says why payment is (still) required: missing, or what was wrong with the one sent.</summary>
public sealed record PaymentRequired(int X402Version, string? Error, ResourceInfo Resource, IReadOnlyList<PaymentRequirements> Accepts);
