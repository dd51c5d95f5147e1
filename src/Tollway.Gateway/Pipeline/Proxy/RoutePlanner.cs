using Microsoft.Extensions.Options;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Upstream.Routing;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// Turns a request into the endpoints it may be sent to, in order: the model it names (with OpenRouter's <c>:floor</c>
/// or <c>:nitro</c> suffix for cheapest or fastest), then the fallback models of its <c>models</c> list, each planned
/// under the request's <c>provider</c> preferences. A request whose preferences no endpoint meets is refused — it is
/// never sent somewhere it did not allow.
/// </summary>
internal sealed class RoutePlanner(CatalogState catalog, PriceBookState prices, Router router, IOptions<RoutingOptions> options)
{
    /// <summary>The model id that lets the gateway choose among <see cref="RoutingOptions.AutoModels"/>.</summary>
    public const string AutoModel = "auto";

    private const string FloorSuffix = ":floor";
    private const string NitroSuffix = ":nitro";

    public (RoutePlan? Plan, GatewayError? Refusal) Plan(
        InspectedRequest request, ReadOnlySpan<byte> body, ApiKeyRecord key, GatewayOperation operation)
    {
        var preferences = ProviderPreferences.None;
        if (request.ProviderValue is { } providerRange)
        {
            var (read, error) = ProviderPreferencesReader.Read(body[providerRange]);
            if (read is null)
            {
                return (null, GatewayError.InvalidRequest(error!, "provider"));
            }

            preferences = read;
        }

        var requested = request.Model == AutoModel && options.Value.AutoModels.Count > 0
            ? AutoCandidates(key)
            : [request.Model!];
        if (request.ModelsValue is { } modelsRange)
        {
            var (fallbacks, error) = ProviderPreferencesReader.ReadModels(body[modelsRange]);
            if (fallbacks is null)
            {
                return (null, GatewayError.InvalidRequest(error!, "models"));
            }

            requested.AddRange(fallbacks.Where(m => !requested.Contains(m, StringComparer.Ordinal)));
        }

        var features = new RequestFeatures(request.HasTools, request.UsesJsonSchema, request.UsesImages);
        var plan = new List<PlannedEndpoint>();
        foreach (var name in requested)
        {
            var (id, sort) = SplitSuffix(name);
            if (Resolve(id, operation, key, out var model) is { } refusal)
            {
                return (null, refusal);
            }

            var modelPreferences = sort is null || preferences.Sort is not null ? preferences : preferences with { Sort = sort };
            foreach (var endpoint in router.Plan(model, ServingEndpoints(model, operation), prices.Current, modelPreferences, features))
            {
                plan.Add(new PlannedEndpoint(model, endpoint));
            }
        }

        return plan.Count > 0
            ? (new RoutePlan(plan), null)
            : (null, new GatewayError(404, "invalid_request_error", "no_endpoint_available",
                $"No endpoint of '{request.Model}' meets this request's requirements (provider preferences, data policy, tools or JSON schema support).",
                "provider"));
    }

    /// <summary>The auto models this key may use, cheapest first (by their cheapest endpoint's price).</summary>
    private List<string> AutoCandidates(ApiKeyRecord key)
    {
        var book = prices.Current;
        return [.. options.Value.AutoModels
            .Where(key.Allows)
            .Select(id => catalog.Current.TryFind(id, out var model) ? model : null)
            .OfType<CatalogModel>()
            .OrderBy(model => model.Endpoints.Min(e => book.PriceOf(model, e) is { } price ? (Int128)price.InputPerMillion + price.OutputPerMillion : Int128.MaxValue))
            .Select(model => model.Id)];
    }

    /// <summary>The model's endpoints whose provider serves this operation: all of them, nearly always, and then the
    /// model's own list is used rather than a copy.</summary>
    private static IReadOnlyList<ModelEndpoint> ServingEndpoints(CatalogModel model, GatewayOperation operation)
    {
        for (var i = 0; i < model.Endpoints.Count; i++)
        {
            if (!model.Endpoints[i].Provider.Supports(operation))
            {
                return [.. model.Endpoints.Where(e => e.Provider.Supports(operation))];
            }
        }

        return model.Endpoints;
    }

    private static (string Id, string? Sort) SplitSuffix(string name) =>
        name.EndsWith(FloorSuffix, StringComparison.Ordinal) ? (name[..^FloorSuffix.Length], "price")
        : name.EndsWith(NitroSuffix, StringComparison.Ordinal) ? (name[..^NitroSuffix.Length], "throughput")
        : (name, null);

    /// <summary>Finds the model and checks that this key may use it for this operation; the error when not.</summary>
    private GatewayError? Resolve(string id, GatewayOperation operation, ApiKeyRecord key, out CatalogModel model)
    {
        if (!catalog.Current.TryFind(id, out model!))
        {
            return GatewayError.ModelNotFound(id);
        }

        if (!key.Allows(model.Id))
        {
            return GatewayError.ModelNotAllowed(model.Id);
        }

        var wantsEmbedding = operation == GatewayOperation.Embeddings;
        if (wantsEmbedding != (model.Kind == ModelKind.Embedding))
        {
            var what = wantsEmbedding ? "an embedding model" : "a chat model";
            return GatewayError.InvalidRequest($"The model '{model.Id}' is not {what}.", "model", "model_not_supported");
        }

        return model.Endpoints.Any(e => e.Provider.Supports(operation))
            ? null
            : GatewayError.InvalidRequest($"The model '{model.Id}' is served by a provider without /{operation.PathSegment()}.", "model", "operation_not_supported");
    }
}
