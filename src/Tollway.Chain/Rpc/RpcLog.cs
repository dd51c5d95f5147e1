namespace Tollway.Chain.Rpc;

/// <summary>One event log as <c>eth_getLogs</c> returns it; hex fields lower case.</summary>
public sealed record RpcLog(
    string Address,
    IReadOnlyList<string> Topics,
    string Data,
    long BlockNumber,
    string BlockHash,
    string TransactionHash,
    int LogIndex,
    bool Removed);
