using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Api.Admin;

/// <summary>Between <see cref="KeyLimits"/> and its JSON form, with USD amounts as exact decimal text.</summary>
internal static class KeyLimitsMapping
{
    public static KeyLimitsRequest ToRequest(KeyLimits limits) => new(
        Usd(limits.SpendLimit), Usd(limits.DailySpendLimit), Usd(limits.MonthlySpendLimit),
        limits.RequestsPerMinute, limits.TokensPerMinute, limits.MaxConcurrentRequests, limits.ExpiresAt);

    /// <summary>The limits, or the name of the first field that is not valid.</summary>
    public static (KeyLimits? Limits, string? BadField) FromRequest(KeyLimitsRequest request)
    {
        if (!TryUsd(request.SpendLimitUsd, out var spend))
        {
            return (null, "spend_limit_usd");
        }

        if (!TryUsd(request.DailySpendLimitUsd, out var daily))
        {
            return (null, "daily_spend_limit_usd");
        }

        if (!TryUsd(request.MonthlySpendLimitUsd, out var monthly))
        {
            return (null, "monthly_spend_limit_usd");
        }

        foreach (var (name, value) in new[]
        {
            ("requests_per_minute", request.RequestsPerMinute), ("tokens_per_minute", request.TokensPerMinute),
            ("max_concurrent_requests", request.MaxConcurrentRequests),
        })
        {
            if (value is <= 0)
            {
                return (null, name);
            }
        }

        return (new KeyLimits(spend, daily, monthly, request.RequestsPerMinute, request.TokensPerMinute, request.MaxConcurrentRequests, request.ExpiresAt), null);
    }

    private static string? Usd(long? nanos) => nanos is { } value ? UsdAmount.FormatUsd(value) : null;

    private static bool TryUsd(string? text, out long? nanos)
    {
        nanos = null;
        if (text is null)
        {
            return true;
        }

        if (!UsdAmount.TryParseNanos(text, out var parsed))
        {
            return false;
        }

        nanos = parsed;
        return true;
    }
}
