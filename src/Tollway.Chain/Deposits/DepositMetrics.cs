using System.Diagnostics.Metrics;
using Tollway.Chain.Chains;
using Tollway.Chain.Diagnostics;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Chain.Deposits;

/// <summary>
/// The deposit watchers' instruments on the <c>Tollway.Chain</c> meter, labelled by the configured chain's name (bounded
/// by configuration): the head each watcher saw and how many blocks it is behind, deposits credited and their nano-USD
/// (exactly the ledger's deposit credits the watcher and sign-in claims posted).
/// </summary>
public sealed class DepositMetrics : IMetricSeriesSeed
{
    private const string ChainTag = "chain";
    private readonly Counter<long> _credited;
    private readonly Counter<long> _creditedNanos;
    private readonly Dictionary<long, string> _names;

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public DepositMetrics(IMeterFactory meters, ChainRegistry chains, DepositWatchStatus status)
    {
        var meter = meters.Create(ChainTelemetry.MeterName);
        _names = chains.All.ToDictionary(c => c.ChainId, c => c.Name);
        _credited = meter.CreateCounter<long>("tollway.deposits.credited", "{deposit}", "Deposits credited to an account.");
        _creditedNanos = meter.CreateCounter<long>("tollway.deposits.credited.nano_usd", "{nano_usd}", "Nano-USD of deposits credited to accounts.");
        meter.CreateObservableGauge("tollway.deposits.head_block", () => Observe(status, static s => s.Head), "{block}",
            "The newest block the chain's node reported to the deposit watcher.");
        meter.CreateObservableGauge("tollway.deposits.lag_blocks", () => Observe(status, static s => s.LagBlocks), "{block}",
            "Blocks of the chain the deposit watcher has not scanned yet (0 when caught up).");
    }

    /// <summary>A deposit of <paramref name="nanos"/> on the chain was credited (the ledger posted it, not a duplicate).</summary>
    public void Credited(long chainId, long nanos)
    {
        var chain = new KeyValuePair<string, object?>(ChainTag, _names.GetValueOrDefault(chainId, "unknown"));
        _credited.Add(1, chain);
        _creditedNanos.Add(nanos, chain);
    }

    /// <summary>Publishes at zero the credits of every configured chain.</summary>
    public void Seed()
    {
        foreach (var name in _names.Values)
        {
            var chain = new KeyValuePair<string, object?>(ChainTag, name);
            _credited.Add(0, chain);
            _creditedNanos.Add(0, chain);
        }
    }

    private static IEnumerable<Measurement<long>> Observe(DepositWatchStatus status, Func<ChainWatchState, long?> value)
    {
        foreach (var (chain, state) in status.All)
        {
            if (value(state) is { } measured)
            {
                yield return new Measurement<long>(measured, new KeyValuePair<string, object?>(ChainTag, chain));
            }
        }
    }
}
