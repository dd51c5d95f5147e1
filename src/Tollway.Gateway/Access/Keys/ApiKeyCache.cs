using System.Collections.Concurrent;

namespace Tollway.Gateway.Access.Keys;

/// <summary>
/// Every live key in memory, by hash, so authenticating a request costs one SHA-256 and one dictionary lookup and
/// never a database round trip. Fed by <see cref="ApiKeyCacheRefresher"/> from the store's change feed; revocations
/// made on this node are applied at once, those made elsewhere within the refresh interval. A key whose maker (or its
/// maker's maker, …) is revoked is not live either (<see cref="MakersOf"/>), wherever the maker's revocation has arrived.
/// </summary>
public sealed class ApiKeyCache
{
    private readonly ConcurrentDictionary<KeyHash, ApiKeyRecord> _byHash = new();
    private readonly ConcurrentDictionary<string, ApiKeyRecord> _byId = new(StringComparer.Ordinal);
    private long _version;
    private long _revocations;
    private volatile bool _loaded;

    /// <summary>The highest store version applied.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>How many keys have left the cache: a line of makers read before is still live while this has not moved.</summary>
    public long Revocations => Interlocked.Read(ref _revocations);

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

    /// <summary>
    /// The keys above <paramref name="key"/>: its maker first, then its maker's maker, up to one made by a wallet session,
    /// the admin API or the CLI; empty for such a key. <see langword="null"/> when one of them is revoked (or the line is
    /// longer than <see cref="ApiKeyRecord.MaxMakers"/>, which no key made through the API is): a key lives only while
    /// every key above it does.
    /// </summary>
    public IReadOnlyList<ApiKeyRecord>? MakersOf(ApiKeyRecord key)
    {
        if (key.MakerId is null)
        {
            return [];
        }

        var makers = new List<ApiKeyRecord>();
        for (var id = key.MakerId; id is not null; id = makers[^1].MakerId)
        {
            if (makers.Count == ApiKeyRecord.MaxMakers || !_byId.TryGetValue(id, out var maker))
            {
                return null;
            }

            makers.Add(maker);
        }

        return makers;
    }

    /// <summary>
    /// The keys above the chain's key as <see cref="MakersOf(ApiKeyRecord)"/> finds them, without walking them again when
    /// the chain read them and no key has been revoked since: authentication reads a key's makers, and the request's
    /// admission needs them again a moment later.
    /// </summary>
    public IReadOnlyList<ApiKeyRecord>? LiveMakersOf(KeyChain chain) =>
        chain.Makers is { } known && chain.Revocations == Revocations ? known : MakersOf(chain.Key);

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
            _byId.TryRemove(key.Id, out _);
            Interlocked.Increment(ref _revocations);
        }
        else
        {
            _byHash[key.Hash] = key;
            _byId[key.Id] = key;
        }
    }
}
