using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tollway.Chain.Chains;

namespace Tollway.Chain.Deposits;

/// <summary>
/// The deposit watchers' health, per chain with a treasury. A chain is degraded when its watcher's last step failed (the
/// RPC down past its retries, or the database busy) or when no step has succeeded for <see cref="StaleAfter"/> plus the
/// chain's poll interval (a step that hangs, a watcher that stopped). Registered with failure status
/// <see cref="HealthStatus.Degraded"/>: deposits arriving late is not a reason to take a node out of the load balancer,
/// which serves requests without the chain. The description names chains, blocks and error types only — never an RPC
/// URL (which may hold a provider key) or an error message (which may quote one).
/// </summary>
internal sealed class ChainWatchHealthCheck(ChainRegistry chains, DepositWatchStatus status, TimeProvider timeProvider) : IHealthCheck
{
    /// <summary>How long without a successful step (beyond one poll interval) before a watcher counts as stalled: long
    /// enough for the RPC client's own retries and a slow catch-up step, short enough to page within minutes.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var lines = new List<string>();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var degraded = false;
        foreach (var chain in chains.All.Where(c => c.Treasury is not null))
        {
            var (healthy, line) = Describe(chain, status.Find(chain.Name), now);
            degraded |= !healthy;
            lines.Add(line);
            data[chain.Name] = line;
        }

        var description = lines.Count == 0 ? "no chain has a treasury to watch" : string.Join("; ", lines);
        return Task.FromResult(degraded
            ? new HealthCheckResult(context.Registration.FailureStatus, description, data: data)
            : HealthCheckResult.Healthy(description, data));
    }

    private static (bool Healthy, string Line) Describe(ChainSettings chain, ChainWatchState? state, DateTimeOffset now)
    {
        if (state is null)
        {
            return (true, $"{chain.Name}: watcher not started yet");
        }

        var progress = state.Head is { } head ? $"head {head}, {state.LagBlocks} blocks behind" : "no block seen yet";
        var lastSuccess = state.LastSuccess is { } success ? $"last successful poll {Ago(now - success)} ago" : "no successful poll yet";
        if (state.Failing)
        {
            return (false, $"{chain.Name}: polling fails ({state.LastError}); {lastSuccess}; {progress}");
        }

        if (now - (state.LastSuccess ?? state.Started) > StaleAfter + chain.PollInterval)
        {
            return (false, $"{chain.Name}: stalled, {lastSuccess}; {progress}");
        }

        return (true, $"{chain.Name}: polling, {lastSuccess}; {progress}");
    }

    private static string Ago(TimeSpan elapsed) =>
        elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + "s";
}
