using System.Collections.Concurrent;

namespace Tollway.Gateway.Keys;

/// <summary>
/// Every live key in memory, by hash, so authenticating a request costs one SHA-256 and one dictionary lookup and
/// never a database round trip. Fed by <see cref="ApiKeyCacheRefresher"/> from the store's change feed; revocations
/// made on this node are applied at once, those made elsewhere within the refresh interval.
/// </summary>
public sealed class ApiKeyCache
{
    private readonly ConcurrentDictionary<KeyHash, ApiKeyRecord> _byHash = new();
    private long _version;
    private volatile bool _loaded;

    /// <summary>The highest store version applied.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Whether the first full load has happened (the gateway is not ready before).</summary>
    public bool IsLoaded => _loaded;

    /// <summary>Live keys held.</summary>
    public int Count => _byHash.Count;

    /// <summary>Finds a live key by the hash of the presented key, confirming the match in constant time.</summary>
    public bool TryGet(KeyHash hash, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ApiKeyRecord? key)
    {
        if (_byHash.TryGetValue(hash, out key) && key.Hash.FixedTimeEquals(hash))
        {
            return true;
        }

        key = null;
        return false;
    }

    /// <summary>Applies created and revoked keys from the store's change feed, in version order.</summary>
    public void Apply(IReadOnlyList<ApiKeyRecord> changes)
    {
        foreach (var key in changes)
        {
            Store(key);
            if (key.Version > Version)
            {
                Interlocked.Exchange(ref _version, key.Version);
            }
        }
    }

    /// <summary>Applies a change made on this node at once, ahead of the change feed. <see cref="Version"/> is left
    /// alone: the feed may still hold older changes from other nodes, and moving past them would skip them for good.</summary>
    public void ApplyLocal(ApiKeyRecord key) => Store(key);

    /// <summary>Marks the first full load done.</summary>
    public void MarkLoaded() => _loaded = true;

    private void Store(ApiKeyRecord key)
    {
        if (key.IsRevoked)
        {
            _byHash.TryRemove(key.Hash, out _);
        }
        else
        {
            _byHash[key.Hash] = key;
        }
    }
}
