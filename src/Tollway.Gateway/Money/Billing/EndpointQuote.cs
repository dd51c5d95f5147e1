using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Money.Billing;

/// <summary>One candidate endpoint of a request (of the requested model or one of its fallbacks) with the quote and
/// prompt it was admitted at: the prompt tokens held (the whole context window, or several, when part of the prompt
/// cannot be measured), the most output it may produce there (its maximum output × <c>n</c>), and the worst case they
/// make, exact in nano-USD.</summary>
internal sealed record EndpointQuote(CatalogModel Model, ModelEndpoint Endpoint, PriceQuote Quote, int PromptEstimate, int OutputAllowance, Cost WorstCaseCost)
{
    /// <summary>The most the request can cost at this endpoint, markup included.</summary>
    public long WorstCase => WorstCaseCost.Total;

    /// <summary>The features priced apart from tokens that reach this endpoint, at the quote's prices.</summary>
    public PricedFeatures Features { get; init; }

    /// <summary>The most output of each choice the hold covers here: the endpoint is told it as its limit, so it can never
    /// generate more than was held (<see cref="OutputAllowance"/> is this times <c>n</c>).</summary>
    public required int MaxOutputTokens { get; init; }

    /// <summary>Of <see cref="PromptEstimate"/>, the tokens held at the audio rate: those counted for audio parts, or
    /// all of them when the prompt carries audio of a length nothing bounds.</summary>
    public int AudioAllowance { get; init; }
}
