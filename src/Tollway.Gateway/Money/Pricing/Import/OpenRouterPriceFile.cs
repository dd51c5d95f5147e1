using System.Text.Json;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>
/// Reads OpenRouter's <c>GET /api/v1/models</c> answer. These are OpenRouter's prices, so they price the endpoints
/// Tollway reaches through the <c>openrouter</c> preset, matched by OpenRouter's model id. Prices are USD per token as
/// strings; a zero cache or reasoning rate means "not priced apart" (OpenRouter writes <c>"0"</c> where reasoning
/// tokens are billed as completion tokens), so it falls back to the prompt or completion rate rather than bill free.
/// </summary>
internal static class OpenRouterPriceFile
{
    public static bool Recognises(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array;

    public static IReadOnlyList<ImportedPrice> Read(JsonElement root)
    {
        var prices = new List<ImportedPrice>();
        var index = 0;
        foreach (var model in root.GetProperty("data").EnumerateArray())
        {
            var id = model.ValueKind == JsonValueKind.Object && model.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
                ? idElement.GetString()!
                : null;
            prices.Add(id is null
                ? new ImportedPrice($"data[{index}]", null, "", null, null, "has no 'id'")
                : ReadModel(id, model));
            index++;
        }

        return prices;
    }

    private static ImportedPrice ReadModel(string id, JsonElement model)
    {
        model.TryGetProperty("pricing", out var pricing);
        string? problem = null;
        var input = PriceFields.Scale("pricing.prompt", PriceFields.Text(pricing, "prompt"), PriceFields.PerTokenScale, ref problem);
        var output = PriceFields.Scale("pricing.completion", PriceFields.Text(pricing, "completion"), PriceFields.PerTokenScale, ref problem);
        var cached = PriceFields.Scale("pricing.input_cache_read", PriceFields.Text(pricing, "input_cache_read"), PriceFields.PerTokenScale, ref problem);
        var write = PriceFields.Scale("pricing.input_cache_write", PriceFields.Text(pricing, "input_cache_write"), PriceFields.PerTokenScale, ref problem);
        var reasoning = PriceFields.Scale("pricing.internal_reasoning", PriceFields.Text(pricing, "internal_reasoning"), PriceFields.PerTokenScale, ref problem);
        var request = PriceFields.Scale("pricing.request", PriceFields.Text(pricing, "request"), PriceFields.PerRequestScale, ref problem);
        if (problem is null && (input is null || output is null))
        {
            problem = "has no 'pricing.prompt' and 'pricing.completion'";
        }

        model.TryGetProperty("top_provider", out var top);
        var rates = problem is null ? new ImportedRates(input!.Value, output!.Value, ApartOrNull(cached), ApartOrNull(write), ApartOrNull(reasoning), request ?? 0) : null;
        return new ImportedPrice(id, ProviderPresets.OpenRouter, id, KindOf(model), rates, problem,
            PriceFields.Tokens(model, "context_length"), PriceFields.Tokens(top, "max_completion_tokens"), DearerAbove(pricing));
    }

    private static long? ApartOrNull(long? rate) => rate is 0 ? null : rate;

    private static ModelKind? KindOf(JsonElement model) =>
        model.TryGetProperty("architecture", out var architecture) && architecture.ValueKind == JsonValueKind.Object
        && architecture.TryGetProperty("output_modalities", out var outputs) && outputs.ValueKind == JsonValueKind.Array
            ? outputs.EnumerateArray().Any(o => o.ValueKind == JsonValueKind.String && o.GetString() == "embeddings") ? ModelKind.Embedding : ModelKind.Chat
            : null;

    /// <summary>The smallest <c>min_prompt_tokens</c> of <c>pricing.overrides</c>: above it OpenRouter bills more.</summary>
    private static int? DearerAbove(JsonElement pricing) =>
        pricing.ValueKind == JsonValueKind.Object && pricing.TryGetProperty("overrides", out var overrides) && overrides.ValueKind == JsonValueKind.Array
            ? overrides.EnumerateArray().Select(o => PriceFields.Tokens(o, "min_prompt_tokens")).Where(t => t is not null).Min()
            : null;
}
