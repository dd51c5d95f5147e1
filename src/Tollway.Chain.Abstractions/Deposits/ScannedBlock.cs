namespace Tollway.Chain.Deposits;

/// <summary>A block the watcher scanned, as it was then: a later hash or parent mismatch means a reorg.</summary>
/// <param name="Number">The block number.</param>
/// <param name="Hash">Its hash, lower case.</param>
/// <param name="ParentHash">Its parent's hash, or empty when not fetched (blocks known only from a log).</param>
public sealed record ScannedBlock(long Number, string Hash, string ParentHash);
