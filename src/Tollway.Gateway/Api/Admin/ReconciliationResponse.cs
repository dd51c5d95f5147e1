using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>The books checked (amounts as USD decimal text).</summary>
public sealed record ReconciliationResponse(
    [property: JsonPropertyName("balanced")] bool Balanced,
    [property: JsonPropertyName("sum_of_postings_usd")] string SumOfPostingsUsd,
    [property: JsonPropertyName("user_balances_usd")] string UserBalancesUsd,
    [property: JsonPropertyName("active_leases_usd")] string ActiveLeasesUsd,
    [property: JsonPropertyName("system_accounts_usd")] IReadOnlyDictionary<string, string> SystemAccountsUsd,
    [property: JsonPropertyName("unbalanced_transactions")] IReadOnlyList<string> UnbalancedTransactions,
    [property: JsonPropertyName("cached_balance_mismatches")] IReadOnlyList<string> CachedBalanceMismatches);
