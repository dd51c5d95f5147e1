using System.Diagnostics;
using System.Diagnostics.Metrics;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// Billing's metrics: the tokens and cost of every charge the ledger recorded (counted when its commit posted it, so the
/// sums equal the ledger's charge rows exactly, however the charge was settled and whether or not its client stayed),
/// each group commit's duration, and the charge writer's queue and the holds on this node as gauges.
/// </summary>
internal sealed class BillingMetrics : IMetricSeriesSeed
{
    private readonly Meter _meter;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _cost;
    private readonly Histogram<double> _commit;
    private readonly Counter<long> _leases;

    public BillingMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(TollwayTelemetry.GatewayName);
        _tokens = _meter.CreateCounter<long>("tollway.tokens", "{token}", "Tokens billed, by type.");
        _cost = _meter.CreateCounter<long>("tollway.cost.nano_usd", "{nano_usd}", "What was charged in nano-USD: provider cost and markup.");
        _commit = _meter.CreateHistogram<double>("tollway.charge_writer.commit.duration", "s", "Each group commit of charges.");
        _leases = _meter.CreateCounter<long>("tollway.lease.acquisitions", "{lease}", "Balance leases this node asked for, by outcome.");
    }

    /// <summary>Counts a charge the ledger recorded.</summary>
    public void Charged(ChargeRecord charge)
    {
        if (_tokens.Enabled)
        {
            var tags = new TagList { { "model", charge.Model }, { "provider", charge.Provider }, { "type", "input" } };
            Tokens(ref tags, "input", charge.PromptTokens);
            Tokens(ref tags, "output", charge.CompletionTokens);
            Tokens(ref tags, "cached", charge.CachedTokens);
            Tokens(ref tags, "reasoning", charge.ReasoningTokens);
            Tokens(ref tags, "cache_write", charge.CacheWriteTokens);
        }

        if (_cost.Enabled)
        {
            var tags = new TagList { { "model", charge.Model }, { "provider", charge.Provider }, { "part", "provider" } };
            _cost.Add(charge.ProviderCost, tags);
            tags[2] = new("part", "markup");
            _cost.Add(charge.Markup, tags);
        }
    }

    /// <summary>Records how long one commit of a batch took.</summary>
    public void Committed(TimeSpan elapsed) => _commit.Record(elapsed.TotalSeconds);

    /// <summary>Counts a lease acquisition by its outcome (a fixed word).</summary>
    public void Lease(string outcome) => _leases.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>The outcomes a lease acquisition is counted under.</summary>
    public static readonly IReadOnlyList<string> LeaseOutcomes = ["granted", "partial", "exhausted"];

    /// <inheritdoc />
    public void Seed()
    {
        foreach (var outcome in LeaseOutcomes)
        {
            _leases.Add(0, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <summary>Publishes the charge writer's queue depth.</summary>
    public void ObserveQueue(Func<int> depth) =>
        _meter.CreateObservableGauge("tollway.charge_writer.queue_depth", depth, "{charge}", "Charges waiting for the group commit.");

    /// <summary>Publishes the holds in flight on this node and the amount they reserve.</summary>
    public void ObserveHolds(Func<long> active, Func<long> amount)
    {
        _meter.CreateObservableGauge("tollway.holds.active", active, "{hold}", "Holds in flight on this node.");
        _meter.CreateObservableGauge("tollway.holds.amount.nano_usd", amount, "{nano_usd}", "What the holds on this node reserve.");
    }

    private void Tokens(ref TagList tags, string type, int count)
    {
        tags[2] = new("type", type);
        _tokens.Add(count, tags);
    }
}
