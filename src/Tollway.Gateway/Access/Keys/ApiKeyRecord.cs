namespace Tollway.Gateway.Access.Keys;

/// <summary>
/// A stored API key: everything but the key itself, which exists only in the response that created it.
/// <see cref="Version"/> grows with every change so that caches on every node can catch up incrementally.
/// <see cref="MakerId"/> is the key that made this one through the account API (<see langword="null"/> for a key made by
/// a wallet session, the admin API or the CLI): a key lives only while its makers do, and their limits hold for it too.
/// </summary>
public sealed record ApiKeyRecord(
    string Id,
    string AccountId,
    string Name,
    KeyHash Hash,
    string LastFour,
    ApiKeyRole Role,
    IReadOnlyList<string>? AllowedModels,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt = null,
    long Version = 0,
    KeyLimits? Limits = null,
    string? MakerId = null)
{
    /// <summary>How many keys may stand above a key (its maker, its maker's maker, …): each request walks them, so the
    /// line is kept short, and a key this deep makes no management key.</summary>
    public const int MaxMakers = 8;

    /// <summary>The key's limits (never <see langword="null"/>).</summary>
    public KeyLimits EffectiveLimits => Limits ?? KeyLimits.None;

    /// <summary>Whether the key has expired at the given time.</summary>
    public bool IsExpired(DateTimeOffset now) => Limits?.ExpiresAt is { } expires && expires <= now;

    /// <summary>The prefix of every key id.</summary>
    public const string IdPrefix = "key_";

    /// <summary>The key as it may be displayed: <c>tw-…abcd</c>.</summary>
    public string Masked => ApiKeyFormat.Mask(LastFour);

    /// <summary>Whether the key was revoked.</summary>
    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Whether the key may manage its account's keys through the account API: a management key, or an admin key.</summary>
    public bool ManagesItsAccount => Role is ApiKeyRole.AccountManagement or ApiKeyRole.Admin;

    /// <summary>Whether the key may call the model.</summary>
    public bool Allows(string model) => AllowedModels is null || AllowedModels.Contains(model, StringComparer.Ordinal);

    /// <summary>The allowed models of a key asked for with <paramref name="requested"/>: absent or empty asks for every
    /// model (as the key APIs have always read it), so both become <see langword="null"/>.</summary>
    public static IReadOnlyList<string>? AllowedModelsFrom(IReadOnlyList<string>? requested) => requested is { Count: > 0 } ? [.. requested] : null;
}
