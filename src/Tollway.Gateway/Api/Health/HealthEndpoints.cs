using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tollway.Gateway.Api.Health;

/// <summary>Liveness and readiness probes for load balancers and orchestrators, on ASP.NET Core's health checks.</summary>
public static class HealthEndpoints
{
    /// <summary>The tag of the checks <c>/readyz</c> runs. A check that must not take the node out of the load balancer
    /// (an RPC, a cache) is registered with failure status <see cref="HealthStatus.Degraded"/>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Maps <c>/healthz</c> (liveness: the process answers; no check runs) and <c>/readyz</c> (every check tagged
    /// <see cref="ReadyTag"/>: 200 when healthy or degraded, 503 when one is unhealthy). Both answer a short text; a caller
    /// that <c>TelemetryAccess</c> admits gets <c>/readyz</c>'s per-check JSON by asking (<see cref="ReadinessWriter"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = static _ => false,
            ResponseWriter = static (context, _) => context.Response.WriteAsync("ok"),
        }).WithName("Health").ExcludeFromDescription();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = static check => check.Tags.Contains(ReadyTag),
            ResponseWriter = ReadinessWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).WithName("Ready").ExcludeFromDescription();
        return endpoints;
    }
}
