using Tollway.Gateway.Catalog;
using Tollway.Gateway.OpenAi;
using Tollway.Gateway.Pricing;
using Tollway.Gateway.Providers;

namespace Tollway.Gateway.Billing;

/// <summary>
/// Prices the features a request asks for that a provider bills apart from its tokens, per endpoint: which of them reach
/// it, and the quote they are billed at — or, when the endpoint has no price for one, the parameter that asked for it
/// (such an endpoint is not used: a feature is never served free).
/// </summary>
internal static class FeatureQuotes
{
    /// <summary>
    /// What of the request's features reaches a provider of <paramref name="upstream"/>'s dialect. A body forwarded as it
    /// came carries <c>service_tier</c> to an OpenAI-format provider; a translated one carries no tier. Cache lifetimes
    /// travel with <c>cache_control</c> to Anthropic and to OpenAI-format providers (OpenRouter passes them on), not to
    /// Gemini. Server tools run only at an Anthropic provider given the client's own Messages body.
    /// </summary>
    public static PricedFeatures Reaching(PricedFeatures features, WireFormat upstream, WireFormat client)
    {
        var native = upstream == WireFormat.Anthropic && client == WireFormat.Anthropic;
        return new PricedFeatures(
            PriorityTier: features.PriorityTier && upstream == WireFormat.OpenAi,
            CacheWrites1h: features.CacheWrites1h && upstream != WireFormat.Gemini,
            MaxWebSearches: native ? features.MaxWebSearches : 0,
            ServerSideTools: native && features.ServerSideTools);
    }

    /// <summary>
    /// The quote the features are billed at: the priority tier's rates for a priority request, and the feature prices of
    /// <paramref name="configured"/> (the endpoint's configured or shipped pricing; a runtime price sets token rates
    /// only). <see langword="null"/> with the error naming the parameter when a price is missing.
    /// </summary>
    public static (PriceQuote? Quote, OpenAiError? Unpriced) Price(PriceQuote quote, ModelPricing? configured, PricedFeatures features)
    {
        var pricing = quote.Pricing;
        if (features.PriorityTier)
        {
            if ((pricing.Priority ?? configured?.Priority) is not { } priority)
            {
                return Unpriced("service_tier", "the priority service tier");
            }

            pricing = priority;
        }

        if (features.CacheWrites1h && pricing.CacheWrite1hPerMillion is null)
        {
            if (configured?.CacheWrite1hPerMillion is not { } rate)
            {
                return Unpriced("cache_control", "1-hour cache writes (cache_control.ttl \"1h\")");
            }

            pricing = pricing with { CacheWrite1hPerMillion = rate };
        }

        if (features.MaxWebSearches > 0 && pricing.WebSearchPerThousand is null)
        {
            if (configured?.WebSearchPerThousand is not { } fee)
            {
                return Unpriced("tools", "web searches");
            }

            pricing = pricing with { WebSearchPerThousand = fee };
        }

        return (ReferenceEquals(pricing, quote.Pricing) ? quote : quote with { Pricing = pricing }, null);
    }

    private static (PriceQuote?, OpenAiError?) Unpriced(string param, string feature) => (null, OpenAiError.InvalidRequest(
        $"This request asks for {feature}, which no endpoint of this model has a price for on this gateway.", param, "feature_not_priced"));
}
