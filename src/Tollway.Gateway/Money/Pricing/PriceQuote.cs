using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Money.Pricing;

/// <summary>
/// The prices a request is billed at, fixed when it is admitted: the endpoint's rates, the markup that applies, and
/// the price version they came from. A change published while the request runs does not touch it.
/// </summary>
public sealed record PriceQuote(ModelPricing Pricing, long MarkupPartsPerMillion, long Version);
