using System.Text.Json;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Api.Usage;

/// <summary>The calling key as <c>GET /api/v1/key</c> shows it: its limits, its spend (with that of the keys made under it,
/// which its caps count too), and what is left.</summary>
internal static class KeyJson
{
    public static void Write(Utf8JsonWriter writer, ApiKeyRecord key, KeySpend spend)
    {
        var limits = key.EffectiveLimits;
        writer.WriteString("label", key.Masked);
        writer.WriteString("name", key.Name);
        UsageJson.WriteUsdOrNull(writer, "limit", limits.SpendLimit);
        UsageJson.WriteUsd(writer, "usage", spend.Total);
        UsageJson.WriteUsdOrNull(writer, "limit_remaining", limits.SpendLimit is { } cap ? Math.Max(cap - spend.Total, 0) : null);
        UsageJson.WriteUsd(writer, "usage_daily", spend.Day);
        UsageJson.WriteUsd(writer, "usage_monthly", spend.Month);
        UsageJson.WriteUsdOrNull(writer, "limit_daily", limits.DailySpendLimit);
        UsageJson.WriteUsdOrNull(writer, "limit_monthly", limits.MonthlySpendLimit);
        writer.WriteBoolean("is_free_tier", false);
        writer.WriteStartObject("rate_limit");
        UsageJson.WriteIntOrNull(writer, "requests", limits.RequestsPerMinute);
        UsageJson.WriteIntOrNull(writer, "tokens", limits.TokensPerMinute);
        UsageJson.WriteIntOrNull(writer, "concurrent_requests", limits.MaxConcurrentRequests);
        writer.WriteString("interval", "1m");
        writer.WriteEndObject();
        if (limits.ExpiresAt is { } expires)
        {
            writer.WriteString("expires_at", expires);
        }
        else
        {
            writer.WriteNull("expires_at");
        }
    }
}
