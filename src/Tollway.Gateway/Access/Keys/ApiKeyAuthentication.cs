namespace Tollway.Gateway.Access.Keys;

/// <summary>The result of authenticating a request.</summary>
public readonly record struct ApiKeyAuthentication(ApiKeyAuthenticationStatus Status, ApiKeyRecord? Key)
{
    /// <summary>No key was presented.</summary>
    public static ApiKeyAuthentication Missing => new(ApiKeyAuthenticationStatus.Missing, null);

    /// <summary>A key was presented but is unknown or revoked; which of the two is not told.</summary>
    public static ApiKeyAuthentication Invalid => new(ApiKeyAuthenticationStatus.Invalid, null);

    /// <summary>A known key whose expiry has passed.</summary>
    public static ApiKeyAuthentication Expired => new(ApiKeyAuthenticationStatus.Expired, null);

    /// <summary>The keys above <see cref="Key"/> as authentication found them live (see <see cref="ApiKeyCache.MakersOf(ApiKeyRecord)"/>).</summary>
    public IReadOnlyList<ApiKeyRecord>? Makers { get; init; }

    /// <summary><see cref="ApiKeyCache.Revocations"/> when <see cref="Makers"/> were read.</summary>
    public long Revocations { get; init; }

    /// <summary>The key with its makers, for the admission that needs them again; only for a live key.</summary>
    public KeyChain Chain => new(Key!, Makers, Revocations);

    /// <summary>A live key.</summary>
    public static ApiKeyAuthentication Success(ApiKeyRecord key) => new(ApiKeyAuthenticationStatus.Success, key);
}
