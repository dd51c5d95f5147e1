namespace Tollway.Chain.X402;

/// <summary>
/// How settling an authorization ended: the transaction hash when the money moved and is final, or why not. A
/// transaction that was sent but not confirmed in time is <see cref="SentTransaction"/>: it may still move the money,
/// so its claim is kept and a later look at the chain decides.
/// </summary>
public sealed record X402Settlement(string? TransactionHash, X402Failure? Failure, string? Detail, string? SentTransaction = null)
{
    /// <summary>Settled in <paramref name="transactionHash"/>.</summary>
    public static X402Settlement Settled(string transactionHash) => new(transactionHash, null, null);

    /// <summary>Not settled; nothing moved.</summary>
    public static X402Settlement Failed(X402Failure failure, string detail) => new(null, failure, detail);

    /// <summary>Sent as <paramref name="transactionHash"/> but not final in time: not settled yet, and not released.</summary>
    public static X402Settlement Unconfirmed(string transactionHash, string detail) => new(null, X402Failure.SettlementFailed, detail, transactionHash);
}
