namespace Tollway.Chain.Deposits;

/// <summary>
/// What one chain's deposit watcher last saw: the chain's head, the next block it will scan, and when its last step
/// succeeded or failed. Immutable; <see cref="DepositWatchStatus"/> swaps in a new one after every step.
/// </summary>
/// <param name="Started">When the watcher began on this chain.</param>
/// <param name="Head">The newest block the node reported, once a step got that far.</param>
/// <param name="NextBlock">The first block not scanned yet.</param>
/// <param name="LastSuccess">When a step last succeeded.</param>
/// <param name="LastFailure">When a step last failed.</param>
/// <param name="LastError">The type of the last step's error (never its message: an RPC error may quote the URL, key included).</param>
public sealed record ChainWatchState(
    DateTimeOffset Started, long? Head = null, long? NextBlock = null, DateTimeOffset? LastSuccess = null, DateTimeOffset? LastFailure = null,
    string? LastError = null)
{
    /// <summary>Blocks the chain has that the watcher has not scanned yet: 0 once caught up; <c>null</c> before the first step.</summary>
    public long? LagBlocks => Head is { } head && NextBlock is { } next ? Math.Max(0, head - (next - 1)) : null;

    /// <summary>Whether the most recent step failed.</summary>
    public bool Failing => LastFailure is { } failed && (LastSuccess is not { } succeeded || failed > succeeded);
}
