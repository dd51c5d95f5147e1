namespace Tollway.Chain.X402;

/// <summary>The machine-readable codes of <see cref="X402Failure"/>: those of the x402 specification and of the
/// reference EVM implementation where one exists, so that clients that know them recognise them.</summary>
public static class X402Failures
{
    /// <summary>The code that starts the challenge's <c>error</c> (<c>null</c> for a first request).</summary>
    public static string? Code(X402Failure failure) => failure switch
    {
        X402Failure.PaymentRequired => null,
        X402Failure.Malformed => "invalid_payload",
        X402Failure.UnsupportedVersion => "invalid_x402_version",
        X402Failure.UnsupportedScheme => "unsupported_scheme",
        X402Failure.UnknownNetwork => "invalid_network",
        X402Failure.UnknownAsset => "invalid_payment_requirements",
        X402Failure.AmountMismatch => "invalid_exact_evm_payload_authorization_value_mismatch",
        X402Failure.RecipientMismatch => "invalid_exact_evm_recipient_mismatch",
        X402Failure.Expired => "invalid_exact_evm_payload_authorization_valid_before",
        X402Failure.NotYetValid => "invalid_exact_evm_payload_authorization_valid_after",
        X402Failure.BadSignature => "invalid_exact_evm_signature",
        X402Failure.NonceUsed => "invalid_exact_evm_nonce_already_used",
        X402Failure.InsufficientFunds => "insufficient_funds",
        X402Failure.VerificationUnavailable => "unexpected_verify_error",
        X402Failure.SettlementFailed => "invalid_exact_evm_transaction_failed",
        _ => throw new ArgumentOutOfRangeException(nameof(failure)),
    };

    /// <summary>The challenge's <c>error</c>: the code, then what happened in words.</summary>
    public static string Describe(X402Failure failure, string detail) =>
        Code(failure) is { } code ? $"{code}: {detail}" : detail;
}
