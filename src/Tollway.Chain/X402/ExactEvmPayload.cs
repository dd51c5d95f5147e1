namespace Tollway.Chain.X402;

/// <summary>The <c>payload</c> of an <c>exact</c> EVM payment: the EIP-712 signature over the authorization.</summary>
public sealed record ExactEvmPayload(string? Signature, Eip3009Authorization? Authorization);
