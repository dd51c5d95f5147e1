using Tollway.Gateway.Catalog;
using Tollway.Gateway.Pricing;

namespace Tollway.Gateway.Billing;

/// <summary>One candidate endpoint of a request (of the requested model or one of its fallbacks) with the quote and
/// prompt estimate it was admitted at.</summary>
internal sealed record EndpointQuote(CatalogModel Model, ModelEndpoint Endpoint, PriceQuote Quote, int PromptEstimate, long WorstCase);
