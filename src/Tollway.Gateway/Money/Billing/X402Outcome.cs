namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// What x402 decided about a request without a key, as data the request path answers with: admitted (or refused) by
/// billing, or a 402 challenge to send back. Either way it may carry the settlement header of a payment that moved, and
/// the paying wallet's account once the payment is credited.
/// </summary>
internal sealed class X402Outcome
{
    /// <summary>The header that carries the challenge (x402 version 2).</summary>
    public const string PaymentRequiredHeader = "PAYMENT-REQUIRED";

    /// <summary>The billing admission (or refusal, answered in the client's format); <see langword="null"/> with a challenge.</summary>
    public BillingAdmission? Admission { get; set; }

    /// <summary>The <c>PAYMENT-REQUIRED</c> header of a 402 challenge, or <see langword="null"/> when there is none.</summary>
    public string? ChallengeHeader { get; set; }

    /// <summary>The version-1 JSON body of the 402 challenge.</summary>
    public ReadOnlyMemory<byte> ChallengeBody { get; set; }

    /// <summary>The request log's error code for the challenge (the x402 failure's code).</summary>
    public string? ChallengeCode { get; set; }

    /// <summary>The settlement header's name (<c>PAYMENT-RESPONSE</c> or <c>X-PAYMENT-RESPONSE</c>) when a payment moved.</summary>
    public string? SettlementHeader { get; set; }

    /// <summary>The settlement header's value.</summary>
    public string? SettlementValue { get; set; }

    /// <summary>The paying wallet's account, once the payment is credited to it.</summary>
    public string? AccountId { get; set; }
}
