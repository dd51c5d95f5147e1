using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tollway.Gateway.Platform.Storage;

namespace Tollway.Gateway.Api.Health;

/// <summary>Readiness: the database answers (and is migrated). Without it no lease, key or charge can be written.</summary>
internal sealed class DatabaseHealthCheck(IDatabaseHealth database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await database.IsHealthyAsync(cancellationToken)
            ? HealthCheckResult.Healthy("database answers")
            : HealthCheckResult.Unhealthy(ReadinessReasons.DatabaseUnavailable);
}
