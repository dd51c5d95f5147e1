namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>The price files Tollway can import.</summary>
public enum PriceFileFormat
{
    /// <summary>OpenRouter's <c>GET /api/v1/models</c> answer: <c>data[]</c> with <c>pricing</c> in USD per token as strings.</summary>
    OpenRouter,

    /// <summary>LiteLLM's <c>model_prices_and_context_window.json</c>: one object per model, costs in USD per token as numbers.</summary>
    LiteLlm,
}
