using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Money.Billing;

namespace Tollway.Gateway.Api.Health;

/// <summary>
/// Readiness: the charge writer keeps up. Its oldest charge not yet durable has waited no longer than
/// <see cref="HealthOptions.MaxChargeWait"/>; beyond that the database is not taking charges, and a node that keeps
/// serving piles up money it cannot record. (Not <see cref="ChargeWriter.QueueDepth"/>: a deep queue that commits in
/// time is load, not an outage; how long the oldest charge waits is what says the database is not taking them.)
/// </summary>
internal sealed class ChargeWriterHealthCheck(ChargeWriter writer, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = options.Value.MaxChargeWait;
        var waiting = writer.OldestWaiting;
        var data = new Dictionary<string, object>
        {
            ["oldest_waiting_seconds"] = Math.Round(waiting.TotalSeconds, 3),
            ["limit_seconds"] = limit.TotalSeconds,
        };
        return Task.FromResult(waiting <= limit
            ? HealthCheckResult.Healthy("charges keep up", data)
            : HealthCheckResult.Unhealthy(ReadinessReasons.ChargesBehind, data: data));
    }
}
