
namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// The request path's way to serve a model request that carries no API key: answer it with x402 payment requirements,
/// or take the payment it carries, credit it to the paying wallet and admit the request against that credit.
/// </summary>
internal interface IX402Payments
{
    /// <summary>The key id the request log names for a request paid with x402.</summary>
    const string KeyId = "x402";

    /// <summary>Whether requests without a key are offered payment (otherwise they get 401).</summary>
    bool Enabled { get; }

    /// <summary>
    /// Quotes the request and decides, into <paramref name="outcome"/>, whether it is admitted (paid, settled and
    /// credited; the hold is on the paying wallet's account), refused with an error, or answered with a 402 challenge.
    /// Nothing is written to the response here, and nothing goes upstream unless it is admitted. The caller owns the
    /// outcome so that what is decided before an exception (the payer's account, a settlement) is still known.
    /// </summary>
    Task AdmitAsync(HttpContext context, AdmissionRequest admission, X402Outcome outcome);
}
