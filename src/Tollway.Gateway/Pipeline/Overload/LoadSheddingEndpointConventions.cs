using Tollway.Gateway.Errors;

namespace Tollway.Gateway.Pipeline.Overload;

/// <summary>Puts an endpoint behind the node's limit of requests in flight (<see cref="LoadShedder"/>).</summary>
internal static class LoadSheddingEndpointConventions
{
    /// <summary>Wraps the endpoint's request delegate in the <see cref="LoadShedder"/>, once, when the endpoint is built:
    /// an admitted request costs nothing more per request than the wrapper itself.</summary>
    /// <param name="builder">The endpoint.</param>
    /// <param name="refuse">How the endpoint answers a request over the limit, in its API's shape.</param>
    public static TBuilder ShedLoad<TBuilder>(this TBuilder builder, Func<HttpContext, GatewayError, Task> refuse)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var handler = endpoint.RequestDelegate
                ?? throw new InvalidOperationException($"Endpoint '{endpoint.DisplayName}' has no request delegate to shed load for.");
            var shedder = endpoint.ApplicationServices.GetRequiredService<LoadShedder>();
            endpoint.RequestDelegate = context => shedder.HandleAsync(context, handler, refuse);
        });
        return builder;
    }
}
