using Tollway.Gateway.Pipeline.Overload;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>Maps an endpoint served by the <see cref="RequestPipeline"/>, behind the node's limit of requests in flight
/// (see <see cref="LoadShedder"/>): a refusal over the limit goes through the pipeline too, for its request log row.</summary>
internal static class ProxiedEndpoints
{
    /// <param name="group">The API's group.</param>
    /// <param name="pattern">The path under it.</param>
    /// <param name="operation">What its requests ask for.</param>
    /// <param name="client">The API its clients speak.</param>
    /// <param name="name">The endpoint's name.</param>
    public static RouteHandlerBuilder MapProxied(
        this RouteGroupBuilder group, string pattern, GatewayOperation operation, WireFormat client, string name) =>
        group.MapPost(pattern, (HttpContext context, RequestPipeline pipeline) => pipeline.HandleAsync(context, operation, client))
            .ShedLoad(PipelineRefusals.For(operation, client))
            .WithName(name);
}
