using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>Body of a credit or debit: the amount as USD decimal text, the reason, and the operator's idempotency key.</summary>
public sealed record MoneyMovementRequest(
    [property: JsonPropertyName("amount_usd")] string? AmountUsd,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("idempotency_key")] string? IdempotencyKey);
