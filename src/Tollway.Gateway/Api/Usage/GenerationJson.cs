using System.Text.Json;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Api.Usage;

/// <summary>One generation as <c>GET /api/v1/generation</c> shows it (OpenRouter's field names where they exist).</summary>
internal static class GenerationJson
{
    public static void Write(Utf8JsonWriter writer, ChargeRecord charge)
    {
        writer.WriteString("id", charge.RequestId);
        writer.WriteString("model", charge.Model);
        writer.WriteString("provider_name", charge.Provider);
        writer.WriteString("upstream_model", charge.UpstreamModel);
        writer.WriteString("created_at", charge.CreatedAt);
        UsageJson.WriteUsd(writer, "total_cost", charge.Total);
        UsageJson.WriteUsd(writer, "upstream_inference_cost", charge.ProviderCost);
        UsageJson.WriteUsd(writer, "markup", charge.Markup);
        writer.WriteNumber("tokens_prompt", charge.PromptTokens);
        writer.WriteNumber("tokens_completion", charge.CompletionTokens);
        writer.WriteNumber("native_tokens_prompt", charge.PromptTokens);
        writer.WriteNumber("native_tokens_completion", charge.CompletionTokens);
        writer.WriteNumber("native_tokens_reasoning", charge.ReasoningTokens);
        writer.WriteNumber("native_tokens_cached", charge.CachedTokens);
        writer.WriteNumber("native_tokens_cache_write", charge.CacheWriteTokens);
        writer.WriteBoolean("streamed", charge.Streamed);
        writer.WriteBoolean("is_estimated", charge.Estimated);
        if (charge.KeyId is { } keyId)
        {
            writer.WriteString("api_key_id", keyId);
        }
    }
}
