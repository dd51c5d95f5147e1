using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// Prices the features a request asks for that a provider bills apart from its tokens, per endpoint: which of them reach
/// it, and the quote they are billed at — or, when the endpoint has no price for one, the parameter that asked for it
/// (such an endpoint is not used: a feature is never served free).
/// </summary>
internal static class FeatureQuotes
{
    /// <summary>
    /// What of the request's features reaches <paramref name="endpoint"/>. A body forwarded as it came carries
    /// <c>service_tier</c>, <c>web_search_options</c> and <c>plugins</c> to an OpenAI-format provider, which may also
    /// search on every request (<see cref="SearchingEndpoints"/>); a translated one carries none of them. Cache lifetimes
    /// travel with <c>cache_control</c> to Anthropic and to OpenAI-format providers (OpenRouter passes them on), not to
    /// Gemini. Server tools run only at an Anthropic provider given the client's own Messages body. Audio reaches any
    /// provider; only OpenRouter parses documents at a fee of its own.
    /// </summary>
    public static PricedFeatures Reaching(PricedFeatures features, ModelEndpoint endpoint, WireFormat client)
    {
        var upstream = endpoint.Provider.Preset.WireFormat;
        var native = upstream == WireFormat.Anthropic && client == WireFormat.Anthropic;
        var (searches, param) = native ? (features.MaxWebSearches, "tools")
            : upstream == WireFormat.OpenAi ? SearchingEndpoints.Of(features, endpoint)
            : (0, null);
        return new PricedFeatures(
            PriorityTier: features.PriorityTier && upstream == WireFormat.OpenAi,
            CacheWrites1h: features.CacheWrites1h && upstream != WireFormat.Gemini,
            MaxWebSearches: searches,
            ServerSideTools: native && features.ServerSideTools,
            Audio: features.Audio,
            SearchParam: searches > 0 ? param : null,
            DefaultPdfParsing: features.DefaultPdfParsing && endpoint.Provider.Preset.Name == ProviderPresets.OpenRouter);
    }

    /// <summary>
    /// The quote the features are billed at: the priority tier's rates for a priority request, and the feature prices of
    /// <paramref name="configured"/> (the endpoint's configured or shipped pricing; a runtime price sets token rates
    /// only), none of them below the rate in force for the same tokens without the feature. <see langword="null"/> with
    /// the error naming the parameter when a price is missing.
    /// </summary>
    public static (PriceQuote? Quote, GatewayError? Unpriced) Price(PriceQuote quote, ModelPricing? configured, PricedFeatures features)
    {
        var pricing = quote.Pricing;
        if (features.DefaultPdfParsing)
        {
            return Unpriced("plugins", "a document parsed by OpenRouter's default engine (OCR billed per page for a model that cannot read files; "
                + "name a file-parser engine: native, pdf-text or cloudflare-ai)");
        }

        if (features.PriorityTier)
        {
            if ((pricing.Priority ?? configured?.Priority) is not { } priority)
            {
                return Unpriced("service_tier", "the priority service tier");
            }

            pricing = priority with
            {
                InputPerMillion = Math.Max(priority.InputPerMillion, pricing.InputPerMillion),
                OutputPerMillion = Math.Max(priority.OutputPerMillion, pricing.OutputPerMillion),
                RequestFee = pricing.RequestFee,
            };
        }

        if (features.CacheWrites1h && pricing.CacheWrite1hPerMillion is null)
        {
            if (configured?.CacheWrite1hPerMillion is not { } rate)
            {
                return Unpriced("cache_control", "1-hour cache writes (cache_control.ttl \"1h\")");
            }

            pricing = pricing with { CacheWrite1hPerMillion = Math.Max(rate, pricing.CacheWritePerMillion ?? pricing.InputPerMillion) };
        }

        if (features.MaxWebSearches > 0 && pricing.WebSearchPerThousand is null)
        {
            if (configured?.WebSearchPerThousand is not { } fee)
            {
                return Unpriced(features.SearchParam ?? "tools", "web searches");
            }

            pricing = pricing with { WebSearchPerThousand = fee };
        }

        if (features.Audio && pricing.InputAudioPerMillion is null)
        {
            if (configured?.InputAudioPerMillion is not { } audio)
            {
                return Unpriced("messages", "audio input (audio, video with its sound, or media a Gemini provider fetches by URL)");
            }

            pricing = pricing with { InputAudioPerMillion = Math.Max(audio, pricing.InputPerMillion) };
        }

        return (ReferenceEquals(pricing, quote.Pricing) ? quote : quote with { Pricing = pricing }, null);
    }

    private static (PriceQuote?, GatewayError?) Unpriced(string param, string feature) => (null, GatewayError.InvalidRequest(
        $"This request asks for {feature}, which no endpoint of this model has a price for on this gateway.", param, "feature_not_priced"));
}
