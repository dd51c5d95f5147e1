using Tollway.Gateway.Access.Keys;

namespace Tollway.Gateway.Tests.Access.Keys;

/// <summary>
/// An <see cref="IApiKeyStore"/> with the store contract the SQLite one keeps: every change takes the next version,
/// revoking twice keeps the first time, revoking a key revokes every key made under it, a key is never inserted under a
/// revoked maker, the change feed returns each key's latest state in version order.
/// </summary>
internal sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly Lock _lock = new();
    private readonly List<ApiKeyRecord> _keys = [];
    private long _version;

    /// <summary>Every record as stored, so tests can look for what must not be there.</summary>
    public IReadOnlyList<ApiKeyRecord> Stored
    {
        get
        {
            lock (_lock)
            {
                return [.. _keys];
            }
        }
    }

    public Task<bool> InsertAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_keys.Exists(k => k.Id == key.Id))
            {
                throw new InvalidOperationException($"Duplicate key id {key.Id}.");
            }

            if (key.MakerId is { } maker && !_keys.Exists(k => k.Id == maker && !k.IsRevoked))
            {
                return Task.FromResult(false);
            }

            _keys.Add(key with { Version = ++_version });
        }

        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string? accountId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<ApiKeyRecord> keys = [.. _keys.Where(k => accountId is null || k.AccountId == accountId)];
            return Task.FromResult(keys);
        }
    }

    public Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_keys.Find(k => k.Id == id));
        }
    }

    public Task<ApiKeyRecord?> RevokeAsync(string id, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var index = _keys.FindIndex(k => k.Id == id);
            if (index < 0)
            {
                return Task.FromResult<ApiKeyRecord?>(null);
            }

            var family = new HashSet<string>(StringComparer.Ordinal) { id };
            for (var i = 0; i < _keys.Count; i++)
            {
                // Keys are stored in the order they were made, so a maker always comes before the keys it made.
                if (family.Contains(_keys[i].Id) || (_keys[i].MakerId is { } maker && family.Contains(maker)))
                {
                    family.Add(_keys[i].Id);
                    if (!_keys[i].IsRevoked)
                    {
                        _keys[i] = _keys[i] with { RevokedAt = revokedAt, Version = ++_version };
                    }
                }
            }

            return Task.FromResult<ApiKeyRecord?>(_keys[index]);
        }
    }

    public Task<ApiKeyRecord?> UpdateLimitsAsync(string id, KeyLimits limits, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var index = _keys.FindIndex(k => k.Id == id);
            if (index < 0)
            {
                return Task.FromResult<ApiKeyRecord?>(null);
            }

            _keys[index] = _keys[index] with { Limits = limits, Version = ++_version };
            return Task.FromResult<ApiKeyRecord?>(_keys[index]);
        }
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ReadChangesAsync(long afterVersion, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<ApiKeyRecord> changes = [.. _keys.Where(k => k.Version > afterVersion).OrderBy(k => k.Version)];
            return Task.FromResult(changes);
        }
    }
}
