using Tollway.Gateway.Catalog;
using Tollway.Gateway.Pricing;

namespace Tollway.Gateway.Billing;

/// <summary>One candidate endpoint of a request (of the requested model or one of its fallbacks) with the quote and
/// prompt estimate it was admitted at, the most output it may produce there (its maximum output × <c>n</c>), and the
/// worst case of both, exact in nano-USD.</summary>
internal sealed record EndpointQuote(CatalogModel Model, ModelEndpoint Endpoint, PriceQuote Quote, int PromptEstimate, int OutputAllowance, Cost WorstCaseCost)
{
    /// <summary>The most the request can cost at this endpoint, markup included.</summary>
    public long WorstCase => WorstCaseCost.Total;
}
