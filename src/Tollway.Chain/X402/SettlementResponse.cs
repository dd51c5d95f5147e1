namespace Tollway.Chain.X402;

/// <summary>The settlement result (<c>SettlementResponse</c>), base64 in <c>PAYMENT-RESPONSE</c> (v2) or
/// <c>X-PAYMENT-RESPONSE</c> (v1): the transaction that moved the money and who paid.</summary>
public sealed record SettlementResponse(bool Success, string Transaction, string Network, string? Payer, string? ErrorReason = null);
