namespace Tollway.Gateway.Access.Keys;

/// <summary>
/// What a key may spend and how fast it may go. Amounts are nano-USD; <see langword="null"/> means no limit. Spend
/// periods are UTC calendar days and months: a daily cap resets at midnight UTC, a monthly one on the 1st.
/// </summary>
public sealed record KeyLimits(
    long? SpendLimit = null,
    long? DailySpendLimit = null,
    long? MonthlySpendLimit = null,
    int? RequestsPerMinute = null,
    int? TokensPerMinute = null,
    int? MaxConcurrentRequests = null,
    DateTimeOffset? ExpiresAt = null)
{
    /// <summary>No limits.</summary>
    public static KeyLimits None { get; } = new();

    /// <summary>Whether any spend cap is set.</summary>
    public bool HasSpendLimit => SpendLimit is not null || DailySpendLimit is not null || MonthlySpendLimit is not null;
}
