namespace Tollway.Chain.X402;

/// <summary>Why a request without a key was not served: no payment yet, or what was wrong with the one it carried.
/// Each answers 402 with a fresh challenge whose <c>error</c> starts with <see cref="X402Failures.Code"/>.</summary>
public enum X402Failure
{
    /// <summary>No <c>PAYMENT-SIGNATURE</c> or <c>X-PAYMENT</c> header: the first request of the flow.</summary>
    PaymentRequired,

    /// <summary>The header is not base64 JSON of a payment, or a field is missing or malformed.</summary>
    Malformed,

    /// <summary>An x402 version other than 1 or 2.</summary>
    UnsupportedVersion,

    /// <summary>A scheme other than <c>exact</c>.</summary>
    UnsupportedScheme,

    /// <summary>A network (chain) that is not offered.</summary>
    UnknownNetwork,

    /// <summary>A token (asset) or recipient that is not one of the offers on that network.</summary>
    UnknownAsset,

    /// <summary>The amount is not this request's quote (prices or the request changed, or the payer altered it).</summary>
    AmountMismatch,

    /// <summary>The authorization pays someone other than the treasury.</summary>
    RecipientMismatch,

    /// <summary><c>validBefore</c> has passed, or falls within the safety margin.</summary>
    Expired,

    /// <summary><c>validAfter</c> is still in the future.</summary>
    NotYetValid,

    /// <summary>The EIP-712 signature was not made by <c>from</c>.</summary>
    BadSignature,

    /// <summary>The authorization's nonce was used already (here, or on chain).</summary>
    NonceUsed,

    /// <summary>The payer's token balance does not cover the amount.</summary>
    InsufficientFunds,

    /// <summary>The chain or the facilitator could not be asked (the payment may be fine: try again).</summary>
    VerificationUnavailable,

    /// <summary>The settlement transaction failed or was not confirmed in time; no money moved.</summary>
    SettlementFailed,
}
