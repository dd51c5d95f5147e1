namespace Tollway.Chain.Rpc;

/// <summary>
/// An <c>eth_getLogs</c> filter over an inclusive block range: logs of any of <see cref="Addresses"/>, with each
/// topic position matching any of its values (an empty or <see langword="null"/> position matches anything).
/// </summary>
public sealed record LogFilter(long FromBlock, long ToBlock, IReadOnlyList<string> Addresses, IReadOnlyList<IReadOnlyList<string>?> Topics)
{
    /// <summary>Whether the node would list <paramref name="log"/> for this filter (to filter logs read another way).</summary>
    public bool Matches(RpcLog log)
    {
        if (log.BlockNumber < FromBlock || log.BlockNumber > ToBlock
            || (Addresses.Count > 0 && !Addresses.Contains(log.Address, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        for (var i = 0; i < Topics.Count; i++)
        {
            if (Topics[i] is { Count: > 0 } wanted && (i >= log.Topics.Count || !wanted.Contains(log.Topics[i], StringComparer.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        return true;
    }
}
