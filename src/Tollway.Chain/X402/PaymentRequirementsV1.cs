namespace Tollway.Chain.X402;

/// <summary>
/// One way to pay in x402 version 1, the shape of the 402 response body that version-1 clients read: the amount is
/// <c>maxAmountRequired</c>, the resource is a URL, and <c>network</c> is a v1 network name (<c>base</c>,
/// <c>base-sepolia</c>) where the chain has one, else the CAIP-2 id.
/// </summary>
public sealed record PaymentRequirementsV1(
    string Scheme,
    string Network,
    string MaxAmountRequired,
    string Resource,
    string Description,
    string MimeType,
    string PayTo,
    int MaxTimeoutSeconds,
    string Asset,
    PaymentExtra? Extra);
