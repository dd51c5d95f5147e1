using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Upstream.Routing;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>One attempt of a request at an endpoint: the endpoint as billing quoted it, its health, the attempts so far
/// (this one included once it is recorded), and whether it is the last one allowed.</summary>
internal readonly record struct UpstreamAttempt(EndpointQuote Candidate, EndpointHealth Health, List<AttemptRecord> Records, bool IsLast);
