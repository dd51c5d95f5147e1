using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Gateway.Api.Health;

/// <summary>Readiness: the first full load of the API keys happened; before it every key would be refused.</summary>
internal sealed class ApiKeysHealthCheck(ApiKeyCache keys) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(keys.IsLoaded
            ? HealthCheckResult.Healthy("api keys loaded", new Dictionary<string, object> { ["keys"] = keys.Count })
            : HealthCheckResult.Unhealthy(ReadinessReasons.ApiKeysNotLoaded));
}
