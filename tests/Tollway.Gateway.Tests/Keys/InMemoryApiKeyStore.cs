using Tollway.Gateway.Keys;

namespace Tollway.Gateway.Tests.Keys;

/// <summary>
/// An <see cref="IApiKeyStore"/> with the store contract the SQLite one keeps: every change takes the next version,
/// revoking twice keeps the first time, the change feed returns each key's latest state in version order.
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

    public Task InsertAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_keys.Exists(k => k.Id == key.Id))
            {
                throw new InvalidOperationException($"Duplicate key id {key.Id}.");
            }

            _keys.Add(key with { Version = ++_version });
        }

        return Task.CompletedTask;
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

            if (!_keys[index].IsRevoked)
            {
                _keys[index] = _keys[index] with { RevokedAt = revokedAt, Version = ++_version };
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
