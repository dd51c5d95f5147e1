namespace Tollway.Testing.Chain;

/// <summary>A mined transaction: its hash, block, and the contract it created (for a deployment).</summary>
public sealed record TransactionReceipt(string TransactionHash, long BlockNumber, string BlockHash, string? ContractAddress);
