using System.Collections.Concurrent;

namespace Tollway.Chain.Deposits;

/// <summary>
/// The deposit watchers' progress per chain (by its configured name), written by <see cref="DepositWatcher"/> after every
/// step and read by the head and lag gauges and by <see cref="ChainWatchHealthCheck"/>.
/// </summary>
public sealed class DepositWatchStatus
{
    private readonly ConcurrentDictionary<string, ChainWatchState> _chains = new(StringComparer.Ordinal);

    /// <summary>Every chain whose watcher has started, with what it last saw.</summary>
    public IEnumerable<KeyValuePair<string, ChainWatchState>> All => _chains;

    /// <summary>What the chain's watcher last saw, or <c>null</c> before it started.</summary>
    public ChainWatchState? Find(string chain) => _chains.GetValueOrDefault(chain);

    /// <summary>The watcher began on the chain.</summary>
    public void Started(string chain, DateTimeOffset now) => _chains[chain] = new ChainWatchState(now);

    /// <summary>A step succeeded, having seen <paramref name="head"/> with <paramref name="nextBlock"/> still to scan.</summary>
    public void Succeeded(string chain, long? head, long? nextBlock, DateTimeOffset now) =>
        Update(chain, now, state => state with { Head = head ?? state.Head, NextBlock = nextBlock ?? state.NextBlock, LastSuccess = now });

    /// <summary>A step failed with an error of type <paramref name="errorType"/>.</summary>
    public void Failed(string chain, string errorType, DateTimeOffset now) =>
        Update(chain, now, state => state with { LastFailure = now, LastError = errorType });

    private void Update(string chain, DateTimeOffset now, Func<ChainWatchState, ChainWatchState> change) =>
        _chains.AddOrUpdate(chain, static (_, arg) => arg.change(new ChainWatchState(arg.now)), static (_, state, arg) => arg.change(state), (change, now));
}
