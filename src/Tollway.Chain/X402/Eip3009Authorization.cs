namespace Tollway.Chain.X402;

/// <summary>
/// The EIP-3009 <c>TransferWithAuthorization</c> parameters as they travel (strings: addresses in hex, numbers in
/// decimal or <c>0x</c> hex, the nonce as 32 bytes of hex). <see cref="ExactAuthorization"/> is the parsed form.
/// </summary>
public sealed record Eip3009Authorization(string? From, string? To, string? Value, string? ValidAfter, string? ValidBefore, string? Nonce);
