namespace Tollway.Chain.X402;

/// <summary>The HTTP headers of the x402 transport, version 2 and version 1 (whose names clients still send).</summary>
public static class X402Headers
{
    /// <summary>Server → client, v2: base64 of the <see cref="PaymentRequired"/> challenge.</summary>
    public const string PaymentRequired = Gateway.Money.Billing.X402Outcome.PaymentRequiredHeader;

    /// <summary>Client → server, v2: base64 of the <see cref="PaymentPayload"/>.</summary>
    public const string PaymentSignature = "PAYMENT-SIGNATURE";

    /// <summary>Server → client, v2: base64 of the <see cref="SettlementResponse"/>.</summary>
    public const string PaymentResponse = "PAYMENT-RESPONSE";

    /// <summary>Client → server, v1: base64 of the version-1 payment payload.</summary>
    public const string XPayment = "X-PAYMENT";

    /// <summary>Server → client, v1: base64 of the <see cref="SettlementResponse"/>.</summary>
    public const string XPaymentResponse = "X-PAYMENT-RESPONSE";
}
