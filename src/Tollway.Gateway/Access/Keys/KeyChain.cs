namespace Tollway.Gateway.Access.Keys;

/// <summary>
/// A key and the keys above it (its maker, its maker's maker, …) as they were read at authentication, with the cache's
/// revocation count then: the key's limits and its makers' are checked from this line without walking it a second time,
/// unless a key was revoked in between. A key alone (<see cref="Makers"/> not read) has its makers walked when needed.
/// </summary>
/// <param name="Key">The key.</param>
/// <param name="Makers">The keys above it, or <see langword="null"/> when not read.</param>
/// <param name="Revocations"><see cref="ApiKeyCache.Revocations"/> when <paramref name="Makers"/> were read.</param>
public readonly record struct KeyChain(ApiKeyRecord Key, IReadOnlyList<ApiKeyRecord>? Makers, long Revocations)
{
    /// <summary>A key whose makers are read when they are needed (a key made on the spot, a test's key).</summary>
    public static implicit operator KeyChain(ApiKeyRecord key) => FromApiKeyRecord(key);

    /// <summary>A key whose makers are read when they are needed.</summary>
    public static KeyChain FromApiKeyRecord(ApiKeyRecord key) => new(key, null, -1);
}
