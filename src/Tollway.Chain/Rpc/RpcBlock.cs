namespace Tollway.Chain.Rpc;

/// <summary>The header fields of a block that the watcher needs: where it is and what it builds on.</summary>
/// <param name="Number">The block number.</param>
/// <param name="Hash">Its hash, lower case.</param>
/// <param name="ParentHash">Its parent's hash, lower case.</param>
/// <param name="Timestamp">When it was made (seconds since the Unix epoch).</param>
public sealed record RpcBlock(long Number, string Hash, string ParentHash, long Timestamp);
