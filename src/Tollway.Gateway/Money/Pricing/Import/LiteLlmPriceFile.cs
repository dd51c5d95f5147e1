using System.Text.Json;
using System.Text.RegularExpressions;
using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>
/// Reads LiteLLM's <c>model_prices_and_context_window.json</c>: an object whose keys are model names (often
/// <c>provider/model</c>) and whose values carry <c>litellm_provider</c>, <c>mode</c> and costs in USD per token as JSON
/// numbers, often in exponent form (<c>3e-06</c>), read here as the decimal text they are. LiteLLM has no per-request
/// fee, so an import leaves the fee in force as it is.
/// </summary>
internal static partial class LiteLlmPriceFile
{
    /// <summary>LiteLLM's documentation entry, which names no model.</summary>
    private const string SampleSpec = "sample_spec";

    public static bool Recognises(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.Object
            && (p.Value.TryGetProperty("litellm_provider", out _) || p.Value.TryGetProperty("input_cost_per_token", out _)));

    public static IReadOnlyList<ImportedPrice> Read(JsonElement root)
    {
        var prices = new List<ImportedPrice>();
        foreach (var entry in root.EnumerateObject())
        {
            if (entry.Name != SampleSpec)
            {
                prices.Add(ReadModel(entry.Name, entry.Value));
            }
        }

        return prices;
    }

    private static ImportedPrice ReadModel(string key, JsonElement model)
    {
        var provider = PriceFields.Text(model, "litellm_provider");
        if (provider is null)
        {
            return new ImportedPrice(key, null, key, null, null, "has no 'litellm_provider'");
        }

        var preset = LiteLlmProviders.PresetFor(provider);
        var upstream = LiteLlmProviders.UpstreamId(key, provider);
        var mode = PriceFields.Text(model, "mode") ?? "chat";
        ModelKind? kind = mode switch
        {
            "chat" or "completion" or "responses" => ModelKind.Chat,
            "embedding" => ModelKind.Embedding,
            _ => null,
        };
        string? problem = preset is null ? $"provider '{provider}' has no Tollway preset"
            : kind is null ? $"mode '{mode}' is not served by Tollway"
            : null;
        var input = PriceFields.Scale("input_cost_per_token", PriceFields.Text(model, "input_cost_per_token"), PriceFields.PerTokenScale, ref problem);
        var output = PriceFields.Scale("output_cost_per_token", PriceFields.Text(model, "output_cost_per_token") ?? (kind == ModelKind.Embedding ? "0" : null),
            PriceFields.PerTokenScale, ref problem);
        var cached = PriceFields.Scale("cache_read_input_token_cost", PriceFields.Text(model, "cache_read_input_token_cost"), PriceFields.PerTokenScale, ref problem);
        var write = PriceFields.Scale("cache_creation_input_token_cost", PriceFields.Text(model, "cache_creation_input_token_cost"), PriceFields.PerTokenScale, ref problem);
        var reasoning = PriceFields.Scale("output_cost_per_reasoning_token", PriceFields.Text(model, "output_cost_per_reasoning_token"), PriceFields.PerTokenScale, ref problem);
        if (problem is null && (input is null || output is null))
        {
            problem = "has no 'input_cost_per_token' and 'output_cost_per_token'";
        }

        var rates = problem is null ? new ImportedRates(input!.Value, output!.Value, cached, write, reasoning, RequestFee: null) : null;
        return new ImportedPrice(key, preset, upstream, kind, rates, problem,
            PriceFields.Tokens(model, "max_input_tokens") ?? PriceFields.Tokens(model, "max_tokens"), PriceFields.Tokens(model, "max_output_tokens"),
            DearerAbove(model));
    }

    /// <summary>The smallest threshold of LiteLLM's tiered fields (<c>input_cost_per_token_above_200k_tokens</c> → 200,000).</summary>
    private static int? DearerAbove(JsonElement model) =>
        model.EnumerateObject()
            .Select(p => TierField().Match(p.Name))
            .Where(m => m.Success)
            .Select(m => (int?)(int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) * 1000))
            .Min();

    [GeneratedRegex(@"_above_(\d{1,6})k_tokens$", RegexOptions.CultureInvariant)]
    private static partial Regex TierField();
}
