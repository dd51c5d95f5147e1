namespace Tollway.Chain.Chains;

/// <summary>A token a chain preset brings: its real contract, decimals and (for EIP-3009 tokens) EIP-712 domain.</summary>
public sealed record TokenPreset(string Symbol, string Address, int Decimals, string? Eip712Name = null, string? Eip712Version = null);
