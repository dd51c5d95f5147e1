namespace Tollway.Gateway.X402;

/// <summary>How settling an authorization ended: the transaction hash when the money moved, or why it did not.</summary>
public sealed record X402Settlement(string? TransactionHash, X402Failure? Failure, string? Detail)
{
    /// <summary>Settled in <paramref name="transactionHash"/>.</summary>
    public static X402Settlement Settled(string transactionHash) => new(transactionHash, null, null);

    /// <summary>Not settled; nothing moved.</summary>
    public static X402Settlement Failed(X402Failure failure, string detail) => new(null, failure, detail);
}
