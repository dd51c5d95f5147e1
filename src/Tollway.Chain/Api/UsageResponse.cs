using System.Text.Json.Serialization;

namespace Tollway.Chain.Api;

/// <summary>One day and model of usage.</summary>
public sealed record UsageResponse(
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("prompt_tokens")] long PromptTokens,
    [property: JsonPropertyName("completion_tokens")] long CompletionTokens,
    [property: JsonPropertyName("reasoning_tokens")] long ReasoningTokens,
    [property: JsonPropertyName("cached_tokens")] long CachedTokens,
    [property: JsonPropertyName("cost_usd")] string CostUsd);
