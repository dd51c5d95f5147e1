using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Money.Billing;

/// <summary>What billing (or x402) admits: the request as inspected, its body, and the endpoints it may go to.</summary>
/// <param name="Plan">The endpoints, in order; every one is priced.</param>
/// <param name="Request">The request as inspected.</param>
/// <param name="Body">The body as the endpoints are priced on (an Anthropic request's chat completion).</param>
/// <param name="Operation">What it asks for.</param>
/// <param name="RequestId">The request's id, which its charge and any x402 claim carry.</param>
internal readonly record struct AdmissionRequest(
    RoutePlan Plan, InspectedRequest Request, ReadOnlyMemory<byte> Body, GatewayOperation Operation, string RequestId);
