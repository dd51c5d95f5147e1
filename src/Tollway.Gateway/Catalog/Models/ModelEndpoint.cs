using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Catalog.Models;

/// <summary>A provider serving a public model under its own model id, with its price and limits. An endpoint without a
/// price (<see cref="Pricing"/> <see langword="null"/>) cannot be billed and is refused, never served free.
/// <see cref="PriceDate"/> is when a shipped price was read (<see langword="null"/> for a configured one).</summary>
public sealed record ModelEndpoint(
    UpstreamProvider Provider,
    string UpstreamModel,
    ModelPricing? Pricing,
    int? ContextLength,
    int? MaxOutputTokens,
    int Weight = 1,
    EndpointDataPolicy DataPolicy = EndpointDataPolicy.Unknown,
    bool? SupportsTools = null,
    bool? SupportsJsonSchema = null,
    bool? SupportsVision = null,
    bool? SupportsReasoning = null,
    DateOnly? PriceDate = null)
{
    /// <summary>Identifies the endpoint in health records and logs: <c>provider/upstream-model</c>.</summary>
    public string Key { get; } = Provider.Name + "/" + UpstreamModel;
}
