using System.Text.Json.Serialization;

namespace Tollway.Chain.Api;

/// <summary>One deposit and where it stands; <c>reference</c> is its ledger credit's (<c>x402:…</c> for an x402 payment).</summary>
public sealed record DepositResponse(
    [property: JsonPropertyName("chain_id")] long ChainId,
    [property: JsonPropertyName("tx_hash")] string TransactionHash,
    [property: JsonPropertyName("log_index")] int LogIndex,
    [property: JsonPropertyName("block_number")] long BlockNumber,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("symbol")] string? Symbol,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("amount_usd")] string AmountUsd,
    [property: JsonPropertyName("raw_amount")] string RawAmount,
    [property: JsonPropertyName("dust")] string Dust,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("seen_at")] DateTimeOffset SeenAt,
    [property: JsonPropertyName("confirmed_at")] DateTimeOffset? ConfirmedAt,
    [property: JsonPropertyName("reference")] string Reference);
