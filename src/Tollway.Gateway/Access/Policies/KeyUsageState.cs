namespace Tollway.Gateway.Access.Policies;

/// <summary>
/// One key's recent activity on this node, its own and that of every key made under it: requests in flight, request and
/// token times in the last minute, and its spend (as last read from the ledger, plus what this node charged and holds
/// since). <see cref="Sync"/> is its family's lock, shared by every key of the family, so a request is counted against
/// its key and all the keys above it at once.
/// </summary>
internal sealed class KeyUsageState(string keyId, Lock sync)
{
    public string KeyId { get; } = keyId;

    public Lock Sync { get; } = sync;

    public int InFlight { get; set; }

    /// <summary>Timestamps of requests admitted in the last minute.</summary>
    public Queue<long> Requests { get; } = new();

    /// <summary>Timestamps and token counts admitted in the last minute.</summary>
    public Queue<(long Timestamp, long Tokens)> Tokens { get; } = new();

    /// <summary>The sum of <see cref="Tokens"/>: a <see cref="long"/>, so a request near <see cref="int.MaxValue"/> tokens
    /// cannot wrap it negative and open the window.</summary>
    public long TokensInWindow { get; set; }

    /// <summary>The UTC day the spend figures below were read for; <see langword="null"/> before the first read.</summary>
    public DateOnly? SpendDay { get; set; }

    /// <summary>When the spend was read (timestamp ticks).</summary>
    public long SpendReadAt { get; set; }

    public long SpentTotal { get; set; }

    public long SpentDay { get; set; }

    public long SpentMonth { get; set; }

    /// <summary>Charged by this node since the spend was read.</summary>
    public long ChargedSinceRead { get; set; }

    /// <summary>Held by requests of this key in flight on this node. An <see cref="Int128"/>: it sums the worst cases of
    /// requests the key admits before the balance is asked, each up to <see cref="long.MaxValue"/>, and must not wrap.</summary>
    public Int128 Reserved { get; set; }
}
