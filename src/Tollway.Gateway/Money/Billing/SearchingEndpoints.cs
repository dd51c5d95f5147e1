using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// The web searches an OpenAI-format endpoint may bill a request: those the request asks for (<c>web_search_options</c>,
/// OpenRouter's web plugin), or those the endpoint runs on every request if more — Perplexity's models (and OpenRouter's
/// <c>perplexity/</c> ones) search once per request, and so do OpenAI's search models (<c>…-search-preview</c>,
/// <c>…-search-api</c>); an OpenRouter <c>:online</c> model fetches its web plugin's default 5 results.
/// </summary>
internal static class SearchingEndpoints
{
    /// <summary>The results OpenRouter's web plugin fetches unless told otherwise, as an <c>:online</c> model does.</summary>
    public const int DefaultWebResults = 5;

    /// <summary>The searches and the member to name when the endpoint has no price for them (<c>model</c> for its own).</summary>
    public static (int Searches, string? Param) Of(PricedFeatures requested, ModelEndpoint endpoint)
    {
        var own = OwnSearches(endpoint);
        return own > requested.ChatWebSearches ? (own, "model") : (requested.ChatWebSearches, requested.SearchParam);
    }

    /// <summary>The searches the endpoint runs for any request, asked or not.</summary>
    public static int OwnSearches(ModelEndpoint endpoint)
    {
        var id = endpoint.UpstreamModel;
        if (id.EndsWith(":online", StringComparison.OrdinalIgnoreCase))
        {
            return DefaultWebResults;
        }

        var name = id.AsSpan(id.LastIndexOf('/') + 1);
        return endpoint.Provider.Preset.Name == ProviderPresets.Perplexity
            || id.StartsWith("perplexity/", StringComparison.OrdinalIgnoreCase)
            || name.Contains("-search-preview", StringComparison.OrdinalIgnoreCase)
            || name.Contains("-search-api", StringComparison.OrdinalIgnoreCase)
            ? 1
            : 0;
    }
}
