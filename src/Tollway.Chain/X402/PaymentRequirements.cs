namespace Tollway.Chain.X402;

/// <summary>
/// One way to pay (x402 v2 <c>PaymentRequirements</c>, an entry of <c>accepts</c> and the payload's <c>accepted</c>):
/// <paramref name="Amount"/> atomic units of the token <paramref name="Asset"/> on <paramref name="Network"/>
/// (<c>eip155:&lt;chainId&gt;</c>) to <paramref name="PayTo"/>.
/// </summary>
public sealed record PaymentRequirements(
    string Scheme,
    string Network,
    string Amount,
    string Asset,
    string PayTo,
    int MaxTimeoutSeconds,
    PaymentExtra? Extra);
