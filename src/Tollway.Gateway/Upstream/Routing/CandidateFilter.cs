using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;

namespace Tollway.Gateway.Upstream.Routing;

/// <summary>
/// Keeps the endpoints a request's preferences allow: <c>only</c>/<c>ignore</c>, price ceilings, data policy (fail
/// closed: an endpoint whose policy is unknown never serves <c>data_collection: deny</c> or <c>zdr</c>), and the
/// features the request uses (an endpoint declared without tools never gets a tool call; with
/// <c>require_parameters</c> it must be declared with them).
/// </summary>
internal static class CandidateFilter
{
    /// <summary>The endpoints allowed, in their order.</summary>
    public static List<ModelEndpoint> Apply(
        CatalogModel model, IReadOnlyList<ModelEndpoint> endpoints, ProviderPreferences preferences, RequestFeatures features, PriceBook prices)
    {
        var allowed = new List<ModelEndpoint>(endpoints.Count);
        // Indexed, not foreach: enumerating an IReadOnlyList boxes its enumerator, and this runs once per request.
        for (var i = 0; i < endpoints.Count; i++)
        {
            if (Allows(model, endpoints[i], preferences, features, prices))
            {
                allowed.Add(endpoints[i]);
            }
        }

        return allowed;
    }

    private static bool Allows(CatalogModel model, ModelEndpoint endpoint, ProviderPreferences preferences, RequestFeatures features, PriceBook prices)
    {
        var provider = endpoint.Provider.Name;
        if ((preferences.Only.Count > 0 && !Contains(preferences.Only, provider)) || Contains(preferences.Ignore, provider))
        {
            return false;
        }

        if (preferences.MaxPromptPrice is not null || preferences.MaxCompletionPrice is not null)
        {
            if (prices.PriceOf(model, endpoint) is not { } price
                || price.InputPerMillion > (preferences.MaxPromptPrice ?? long.MaxValue)
                || price.OutputPerMillion > (preferences.MaxCompletionPrice ?? long.MaxValue))
            {
                return false;
            }
        }

        if (preferences.ZeroDataRetention && endpoint.DataPolicy != EndpointDataPolicy.ZeroRetention)
        {
            return false;
        }

        if (preferences.DenyDataCollection && endpoint.DataPolicy is not (EndpointDataPolicy.ZeroRetention or EndpointDataPolicy.NoTraining))
        {
            return false;
        }

        return Supports(endpoint.SupportsTools, features.Tools, preferences.RequireParameters)
            && Supports(endpoint.SupportsJsonSchema, features.JsonSchema, preferences.RequireParameters)
            && Supports(endpoint.SupportsVision, features.Vision, preferences.RequireParameters);
    }

    /// <summary>A feature the request uses is refused where declared unsupported, and required to be declared when asked.</summary>
    private static bool Supports(bool? declared, bool used, bool required) =>
        !used || (required ? declared == true : declared != false);

    private static bool Contains(IReadOnlyList<string> names, string provider) =>
        names.Contains(provider, StringComparer.OrdinalIgnoreCase);
}
