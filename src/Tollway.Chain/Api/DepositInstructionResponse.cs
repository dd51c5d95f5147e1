using System.Text.Json.Serialization;

namespace Tollway.Chain.Api;

/// <summary>How to pay in on one chain with one token; a transfer below <c>min_deposit_usd</c> is not credited.</summary>
public sealed record DepositInstructionResponse(
    [property: JsonPropertyName("chain")] string Chain,
    [property: JsonPropertyName("chain_id")] long ChainId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("token_address")] string TokenAddress,
    [property: JsonPropertyName("decimals")] int Decimals,
    [property: JsonPropertyName("treasury")] string Treasury,
    [property: JsonPropertyName("confirmations")] string Confirmations,
    [property: JsonPropertyName("payment_uri")] string PaymentUri,
    [property: JsonPropertyName("send_from")] IReadOnlyList<string> SendFrom,
    [property: JsonPropertyName("min_deposit_usd")] string MinDepositUsd);
