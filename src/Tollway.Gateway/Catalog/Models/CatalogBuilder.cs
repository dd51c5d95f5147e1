using Tollway.Gateway.Catalog.Models.Shipped;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Catalog.Models;

/// <summary>Turns validated options into the immutable provider registry and model catalog.</summary>
internal static class CatalogBuilder
{
    public static ProviderRegistry BuildProviders(ProvidersOptions options, IEnvironmentVariables environment, TimeProvider? timeProvider = null)
    {
        var providers = new List<UpstreamProvider>();
        foreach (var (name, provider) in options)
        {
            var preset = ProviderPresets.Find(ProviderSettings.PresetName(name, provider))
                ?? throw new InvalidOperationException($"Providers:{name}: unknown preset (options were not validated)");
            var baseUrl = ProviderSettings.BaseUrl(provider, preset)
                ?? throw new InvalidOperationException($"Providers:{name}: no base URL (options were not validated)");
            var timeouts = new ProviderTimeouts(provider.Timeouts.Connect, provider.Timeouts.FirstByte, provider.Timeouts.Total);
            providers.Add(new UpstreamProvider(
                name,
                preset,
                new Uri(baseUrl, UriKind.Absolute),
                ProviderSettings.ApiKey(provider, preset, environment),
                provider.ApiVersion,
                new Dictionary<string, string>(provider.Headers, StringComparer.OrdinalIgnoreCase),
                timeouts,
                moreApiKeys: provider.ApiKeys,
                timeProvider: timeProvider,
                outputLimitMember: provider.OutputLimitMember,
                propagateTraceContext: provider.PropagateTraceContext));
        }

        return new ProviderRegistry(providers);
    }

    /// <summary>The configured models, then the shipped models the configuration brings (<see cref="ShippedSelection"/>);
    /// a shipped id served by several configured providers becomes one model with an endpoint on each.</summary>
    public static ModelCatalog BuildCatalog(CatalogSources options, ProviderRegistry providers, DateTimeOffset created, ShippedCatalog? shipped = null)
    {
        var models = new List<CatalogModel>();
        foreach (var (id, model) in options.Models)
        {
            var endpoints = model.Endpoints
                .Select(e => new ModelEndpoint(
                    providers.TryFind(e.Provider, out var provider) ? provider : throw new InvalidOperationException($"Models:{id}: unknown provider '{e.Provider}'"),
                    string.IsNullOrWhiteSpace(e.Model) ? id : e.Model,
                    ToPricing(e.Pricing),
                    e.ContextLength,
                    e.MaxOutputTokens,
                    e.Weight,
                    EndpointDataPolicies.Parse(e.DataPolicy),
                    e.SupportsTools,
                    e.SupportsJsonSchema,
                    e.SupportsVision,
                    e.SupportsReasoning))
                .ToList();
            var kind = model.Type == ModelTypes.Embedding ? ModelKind.Embedding : ModelKind.Chat;
            models.Add(new CatalogModel(id, kind, model.DisplayName ?? id, model.Description, endpoints, created, model.Strategy.ToLowerInvariant(), [.. model.Aliases]));
        }

        models.AddRange(ShippedSelection.Select(options, shipped ?? ShippedCatalog.Default)
            .GroupBy(s => s.Model.Id, StringComparer.Ordinal)
            .Select(group => ToModel(group.Key, [.. group], providers, created)));
        return new ModelCatalog(models);
    }

    private static CatalogModel ToModel(string id, IReadOnlyList<(string Provider, ShippedModel Model)> served, ProviderRegistry providers, DateTimeOffset created)
    {
        var endpoints = served.Select(s => new ModelEndpoint(
            providers.TryFind(s.Provider, out var provider) ? provider : throw new InvalidOperationException($"Providers:{s.Provider}: not built"),
            s.Model.Id,
            s.Model.Pricing,
            s.Model.ContextLength,
            s.Model.MaxOutputTokens,
            SupportsTools: s.Model.Capabilities.Tools,
            SupportsJsonSchema: s.Model.Capabilities.JsonSchema,
            SupportsVision: s.Model.Capabilities.Vision,
            SupportsReasoning: s.Model.Capabilities.Reasoning,
            PriceDate: s.Model.PriceDate)).ToList();
        var first = served[0].Model;
        return new CatalogModel(id, first.Kind, first.DisplayName, first.Note, endpoints, created);
    }

    /// <summary>The endpoint's prices; <see langword="null"/> when neither input nor output is priced (the endpoint fails closed).</summary>
    private static ModelPricing? ToPricing(PricingOptions pricing) =>
        pricing.Input is null && pricing.Output is null
            ? null
            : FeaturePrices.Read(
                new(
                    Nanos(pricing.Input) ?? 0,
                    Nanos(pricing.Output) ?? 0,
                    Nanos(pricing.CachedInput),
                    Nanos(pricing.CacheWrite),
                    Nanos(pricing.Reasoning),
                    Nanos(pricing.Request) ?? 0),
                pricing) ?? throw new FormatException("A feature price is not a USD amount (options were not validated)");

    private static long? Nanos(string? text) =>
        text is null ? null : UsdAmount.TryParseNanos(text, out var nanos) ? nanos : throw new FormatException($"'{text}' is not a USD amount");
}
