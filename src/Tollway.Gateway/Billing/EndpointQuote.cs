using Tollway.Gateway.Catalog;
using Tollway.Gateway.Pricing;

namespace Tollway.Gateway.Billing;

/// <summary>One candidate endpoint of a request (of the requested model or one of its fallbacks) with the quote and
/// prompt it was admitted at: the prompt tokens held (the whole context window, or several, when part of the prompt
/// cannot be measured) and the worst case they make.</summary>
internal sealed record EndpointQuote(CatalogModel Model, ModelEndpoint Endpoint, PriceQuote Quote, int PromptEstimate, long WorstCase)
{
    /// <summary>The features priced apart from tokens that reach this endpoint, at the quote's prices.</summary>
    public PricedFeatures Features { get; init; }
}
