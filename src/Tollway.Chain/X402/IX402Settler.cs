namespace Tollway.Chain.X402;

/// <summary>
/// The chain side of a payment: whether the authorization can still be settled (its nonce unused on chain, the payer's
/// balance sufficient), and settling it. The gateway's own relayer or an external facilitator.
/// </summary>
public interface IX402Settler
{
    /// <summary>The failure that rules the payment out, or <c>null</c> when it can be settled.</summary>
    Task<(X402Failure Failure, string Detail)?> CheckAsync(X402PaymentAttempt attempt, CancellationToken cancellationToken);

    /// <summary>Settles the payment and waits until it is final to the configured depth.</summary>
    Task<X402Settlement> SettleAsync(X402PaymentAttempt attempt, CancellationToken cancellationToken);

    /// <summary>Looks again at a transaction that was sent but not final in time: settled once it succeeded and is
    /// final, failed when it reverted, unconfirmed while neither.</summary>
    Task<X402Settlement> ConfirmAsync(X402PaymentAttempt attempt, string transactionHash, CancellationToken cancellationToken);
}
