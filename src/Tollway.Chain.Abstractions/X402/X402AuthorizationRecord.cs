namespace Tollway.Chain.X402;

/// <summary>A claimed authorization: who claimed it, for how much, and (once settled) the transaction and the account
/// it was credited to.</summary>
public sealed record X402AuthorizationRecord(
    X402AuthorizationKey Key,
    string Amount,
    X402AuthorizationState State,
    string RequestId,
    DateTimeOffset CreatedAt,
    string? TransactionHash = null,
    string? AccountId = null);
