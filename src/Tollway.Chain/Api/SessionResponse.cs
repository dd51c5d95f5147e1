using System.Text.Json.Serialization;

namespace Tollway.Chain.Api;

/// <summary>A session for the account API.</summary>
public sealed record SessionResponse(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("account_created")] bool AccountCreated,
    [property: JsonPropertyName("claimed_usd")] string ClaimedUsd);
