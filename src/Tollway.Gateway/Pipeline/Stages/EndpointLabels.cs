using System.Diagnostics;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>The labels of an attempt's metrics, all configured names: the operation, the provider, the catalog model
/// asked for and the provider's model that answered.</summary>
internal readonly record struct EndpointLabels(string Operation, string Provider, string Model, string UpstreamModel)
{
    public static EndpointLabels Of(GatewayOperation operation, EndpointQuote candidate) => new(
        RequestSpans.OperationName(operation),
        candidate.Endpoint.Provider.Name,
        candidate.Model.Id,
        candidate.Endpoint.UpstreamModel);

    /// <summary>The attributes of OpenTelemetry's GenAI semantic conventions.</summary>
    public TagList GenAi() => new()
    {
        { "gen_ai.operation.name", Operation },
        { "gen_ai.provider.name", Provider },
        { "gen_ai.request.model", Model },
        { "gen_ai.response.model", UpstreamModel },
    };
}
