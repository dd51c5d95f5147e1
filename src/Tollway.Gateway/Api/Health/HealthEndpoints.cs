using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Platform.Storage;

namespace Tollway.Gateway.Api.Health;

/// <summary>Liveness and readiness probes for load balancers and orchestrators.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps <c>/healthz</c> (the process answers) and <c>/readyz</c> (keys loaded, database reachable).</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => TypedResults.Text("ok")).WithName("Health").ExcludeFromDescription();
        endpoints.MapGet("/readyz", async (ApiKeyCache keys, IDatabaseHealth database, CancellationToken cancellationToken) =>
        {
            var databaseUp = await database.IsHealthyAsync(cancellationToken);
            return keys.IsLoaded && databaseUp
                ? Results.Text("ready")
                : Results.Text(databaseUp ? "api keys not loaded" : "database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithName("Ready").ExcludeFromDescription();
        return endpoints;
    }
}
