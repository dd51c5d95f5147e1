using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>What a credit or debit did (<c>posted</c> or <c>duplicate</c>) and the balance after it.</summary>
public sealed record MoneyMovementResponse(
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("balance_usd")] string BalanceUsd);
