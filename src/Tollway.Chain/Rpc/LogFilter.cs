namespace Tollway.Chain.Rpc;

/// <summary>
/// An <c>eth_getLogs</c> filter over an inclusive block range: logs of any of <see cref="Addresses"/>, with each
/// topic position matching any of its values (an empty or <see langword="null"/> position matches anything).
/// </summary>
public sealed record LogFilter(long FromBlock, long ToBlock, IReadOnlyList<string> Addresses, IReadOnlyList<IReadOnlyList<string>?> Topics);
