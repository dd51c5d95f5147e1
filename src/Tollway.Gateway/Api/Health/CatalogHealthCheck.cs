using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Api.Health;

/// <summary>
/// Readiness: the catalog in force. It is built, and every provider and model checked, before the node listens, so
/// resolving it here cannot fail on a running node; a catalog without a model is reported degraded (the node answers,
/// its admin API works, but it serves no model), not unready, since that is how an operator configured it.
/// </summary>
internal sealed class CatalogHealthCheck(CatalogState catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var models = catalog.Current.Models.Count;
        var data = new Dictionary<string, object> { ["models"] = models, ["providers"] = catalog.Providers.All.Count() };
        return Task.FromResult(models > 0
            ? HealthCheckResult.Healthy("catalog loaded", data)
            : HealthCheckResult.Degraded("catalog has no model", data: data));
    }
}
