using System.Text.Json.Serialization;

namespace Tollway.Chain.Api;

/// <summary>An account's money: what it can spend, what requests in flight hold, and deposits not yet at depth.</summary>
public sealed record AccountBalanceResponse(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("available_usd")] string AvailableUsd,
    [property: JsonPropertyName("held_usd")] string HeldUsd,
    [property: JsonPropertyName("pending_deposits_usd")] string PendingDepositsUsd,
    [property: JsonPropertyName("wallets")] IReadOnlyList<string> Wallets);
