using Tollway.Gateway.Money.Billing;

namespace Tollway.Chain.X402;

/// <summary>A request without a key on its way through x402: the request (its payment headers, the URL its challenge
/// names), its id, what it was quoted, and the outcome being decided.</summary>
internal sealed record X402QuotedRequest(HttpRequest Request, string RequestId, long WorstCase, X402Outcome Outcome);
