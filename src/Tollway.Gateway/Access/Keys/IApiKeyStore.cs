namespace Tollway.Gateway.Access.Keys;

/// <summary>Persistence of API keys (as hashes).</summary>
public interface IApiKeyStore
{
    /// <summary>Stores a new key; the store assigns its version. Returns <see langword="false"/>, storing nothing, when the
    /// key's maker (<see cref="ApiKeyRecord.MakerId"/>) is revoked by then: a key is never made under a revoked one.</summary>
    Task<bool> InsertAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Keys of one account, or of all accounts, oldest first.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string? accountId, CancellationToken cancellationToken);

    /// <summary>One key by id, or <see langword="null"/>.</summary>
    Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Marks a key revoked, and with it every live key made under it (its makers' family ends with it), each
    /// taking the next version; returns the key's updated record, or <see langword="null"/> when there is no such key.
    /// Revoking twice keeps the first revocation time.</summary>
    Task<ApiKeyRecord?> RevokeAsync(string id, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    /// <summary>Replaces a key's limits; returns the updated record (with a new version), or <see langword="null"/> when there is no such key.</summary>
    Task<ApiKeyRecord?> UpdateLimitsAsync(string id, KeyLimits limits, CancellationToken cancellationToken);

    /// <summary>Keys changed after the given version (created or revoked), in version order.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ReadChangesAsync(long afterVersion, CancellationToken cancellationToken);
}
