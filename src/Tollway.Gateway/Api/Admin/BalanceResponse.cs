using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>An account's balance and the part of it gateway nodes hold leased for requests in flight.</summary>
public sealed record BalanceResponse(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("balance_usd")] string BalanceUsd,
    [property: JsonPropertyName("leased_usd")] string LeasedUsd);
