namespace Tollway.Gateway.Upstream.Providers;

/// <summary>
/// One of a provider's API keys and when it may be used again: a key that was rate limited rests for the provider's
/// <c>Retry-After</c>, one that was refused rests for the longer quota cool-down, while the provider's other keys serve.
/// </summary>
public sealed class ProviderCredential
{
    private long _restingUntil;

    internal ProviderCredential(string key, int index)
    {
        Key = key;
        Index = index;
        BearerValue = "Bearer " + key;
    }

    /// <summary>Its place in the provider's list, for logs (never the key itself).</summary>
    public int Index { get; }

    internal string Key { get; }

    internal string BearerValue { get; }

    /// <summary>Whether the key may be used at the given timestamp.</summary>
    internal bool IsReady(long timestamp) => Volatile.Read(ref _restingUntil) <= timestamp;

    internal long RestingUntil => Volatile.Read(ref _restingUntil);

    /// <summary>Rests the key until the given timestamp (never shortening a longer rest).</summary>
    internal void RestUntil(long timestamp)
    {
        long current;
        do
        {
            current = Volatile.Read(ref _restingUntil);
            if (current >= timestamp)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _restingUntil, timestamp, current) != current);
    }

    /// <inheritdoc />
    public override string ToString() => $"key #{Index}";
}
