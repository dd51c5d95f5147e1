namespace Tollway.Testing.PriceFiles;

/// <summary>Small price files in the two formats Tollway imports, written like the real ones, with a model the catalog
/// lacks, malformed and too-precise prices, and exponent notation.</summary>
public static class SamplePriceFiles
{
    /// <summary>An OpenRouter <c>GET /api/v1/models</c> answer.</summary>
    public static string OpenRouterPath => PathOf("openrouter-models.json");

    /// <summary>A LiteLLM <c>model_prices_and_context_window.json</c>.</summary>
    public static string LiteLlmPath => PathOf("litellm-prices.json");

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "PriceFiles", name);
}
