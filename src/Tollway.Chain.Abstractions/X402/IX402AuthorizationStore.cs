namespace Tollway.Chain.X402;

/// <summary>
/// The authorizations this gateway has consumed. Claiming is the one atomic step that decides which request, of any
/// number sending the same authorization at once on any number of nodes, settles and is served: the others find the
/// record. Implementations must give the same results on every backend.
/// </summary>
public interface IX402AuthorizationStore
{
    /// <summary>Records the claim when the authorization is new and returns <c>null</c>; otherwise returns the record
    /// that is there and changes nothing.</summary>
    Task<X402AuthorizationRecord?> TryClaimAsync(X402AuthorizationRecord claim, CancellationToken cancellationToken);

    /// <summary>The record of an authorization, if it was ever claimed (and not released).</summary>
    Task<X402AuthorizationRecord?> FindAsync(X402AuthorizationKey key, CancellationToken cancellationToken);

    /// <summary>Marks a claim settled by the transaction and credited to the account.</summary>
    Task MarkSettledAsync(X402AuthorizationKey key, string transactionHash, string accountId, DateTimeOffset settledAt, CancellationToken cancellationToken);

    /// <summary>Records the transaction of a claim that is still settling (sent, not final yet).</summary>
    Task RecordTransactionAsync(X402AuthorizationKey key, string transactionHash, CancellationToken cancellationToken);

    /// <summary>Removes a claim that is still settling (its settlement failed and moved nothing), so the payer may
    /// send the same authorization again.</summary>
    Task ReleaseAsync(X402AuthorizationKey key, CancellationToken cancellationToken);
}
