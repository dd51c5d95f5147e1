namespace Tollway.Chain.X402;

/// <summary>The <c>extra</c> of an <c>exact</c> EVM offer: the token's EIP-712 domain name and version, which the payer
/// signs under and without which no client can build the authorization.</summary>
public sealed record PaymentExtra(string? Name, string? Version);
