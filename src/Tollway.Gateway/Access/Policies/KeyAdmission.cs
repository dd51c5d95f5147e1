namespace Tollway.Gateway.Access.Policies;

/// <summary>
/// A request admitted under its key's limits and those of every key above it. Completing it records what it really
/// cost and how many tokens it really used, and frees its concurrency slots; it completes once.
/// </summary>
public sealed class KeyAdmission
{
    private readonly KeyPolicyGate? _gate;
    private readonly KeyUsageState[] _states = [];
    private int _completed;

    internal KeyAdmission(KeyPolicyGate gate, KeyUsageState[] states, long reserved, long tokens, long timestamp)
    {
        _gate = gate;
        _states = states;
        Reserved = reserved;
        Tokens = tokens;
        Timestamp = timestamp;
    }

    private KeyAdmission()
    {
    }

    /// <summary>An admission for a request no key limit applies to.</summary>
    internal static KeyAdmission Unlimited { get; } = new();

    internal long Reserved { get; }

    internal long Tokens { get; }

    internal long Timestamp { get; }

    /// <summary>Records the real charge and tokens; later calls do nothing.</summary>
    public void Complete(long charged, long actualTokens)
    {
        if (_gate is null || Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return;
        }

        _gate.Complete(_states, this, charged, actualTokens);
    }
}
