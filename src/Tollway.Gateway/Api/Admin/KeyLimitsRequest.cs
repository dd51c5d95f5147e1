using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>Body of <c>PUT /admin/v1/keys/{id}/limits</c>: every limit (absent or null means none); spend in USD decimal text.</summary>
public sealed record KeyLimitsRequest(
    [property: JsonPropertyName("spend_limit_usd")] string? SpendLimitUsd,
    [property: JsonPropertyName("daily_spend_limit_usd")] string? DailySpendLimitUsd,
    [property: JsonPropertyName("monthly_spend_limit_usd")] string? MonthlySpendLimitUsd,
    [property: JsonPropertyName("requests_per_minute")] int? RequestsPerMinute,
    [property: JsonPropertyName("tokens_per_minute")] int? TokensPerMinute,
    [property: JsonPropertyName("max_concurrent_requests")] int? MaxConcurrentRequests,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt);
