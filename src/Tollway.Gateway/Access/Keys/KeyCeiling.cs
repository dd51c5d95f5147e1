namespace Tollway.Gateway.Access.Keys;

/// <summary>
/// The most a credential may give a key it makes: its own allowed models and limits, and never the admin role. A key
/// made under a ceiling allows a subset of its models, and each of its caps, rates, concurrency and expiry is set and no
/// looser than the ceiling's wherever the ceiling has one. One by one: together, the keys a key makes are held to its
/// limits by the policy gate, which counts them all against it. <see cref="MayGrantManagement"/> is false for a key so
/// deep under other keys that a management key it made could only make keys past <see cref="ApiKeyRecord.MaxMakers"/>.
/// </summary>
public sealed record KeyCeiling(IReadOnlyList<string>? AllowedModels, KeyLimits Limits, bool MayGrantManagement = true)
{
    /// <summary>No restriction but the admin role: a wallet session's, which acts for its whole account.</summary>
    public static KeyCeiling None { get; } = new(null, KeyLimits.None);

    /// <summary>A key's own restrictions, for a key with <paramref name="makers"/> keys above it.</summary>
    public static KeyCeiling Of(ApiKeyRecord key, int makers) =>
        new(key.AllowedModels, key.EffectiveLimits, MayGrantManagement: makers + 2 <= ApiKeyRecord.MaxMakers);

    /// <summary>The field (as the key APIs name it) in which a key asked for with these values would exceed the
    /// ceiling, or <see langword="null"/> when it fits under it.</summary>
    public string? FindExcess(ApiKeyRole role, IReadOnlyList<string>? allowedModels, KeyLimits limits)
    {
        if (role == ApiKeyRole.Admin || (role == ApiKeyRole.AccountManagement && !MayGrantManagement))
        {
            return "role";
        }

        if (AllowedModels is not null
            && (ApiKeyRecord.AllowedModelsFrom(allowedModels) is not { } requested || !requested.All(m => AllowedModels.Contains(m, StringComparer.Ordinal))))
        {
            return "allowed_models";
        }

        var ceiling = Limits;
        return Exceeds(ceiling.SpendLimit, limits.SpendLimit) ? "limits.spend_limit_usd"
            : Exceeds(ceiling.DailySpendLimit, limits.DailySpendLimit) ? "limits.daily_spend_limit_usd"
            : Exceeds(ceiling.MonthlySpendLimit, limits.MonthlySpendLimit) ? "limits.monthly_spend_limit_usd"
            : Exceeds(ceiling.RequestsPerMinute, limits.RequestsPerMinute) ? "limits.requests_per_minute"
            : Exceeds(ceiling.TokensPerMinute, limits.TokensPerMinute) ? "limits.tokens_per_minute"
            : Exceeds(ceiling.MaxConcurrentRequests, limits.MaxConcurrentRequests) ? "limits.max_concurrent_requests"
            : Exceeds(ceiling.ExpiresAt, limits.ExpiresAt) ? "limits.expires_at"
            : null;
    }

    /// <summary>Absent is no limit at all, so it exceeds any limit the ceiling has.</summary>
    private static bool Exceeds<T>(T? ceiling, T? requested)
        where T : struct, IComparable<T> =>
        ceiling is { } most && (requested is not { } asked || asked.CompareTo(most) > 0);
}
