using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Catalog.Models;

/// <summary>Prices written as USD decimal text (per million tokens; the request fee per request) into exact nano-USD.</summary>
public static class PriceParsing
{
    /// <summary>The pricing, or <see langword="null"/> when input or output is missing or any value is not a USD amount.</summary>
    public static ModelPricing? Parse(string? input, string? output, string? cachedInput, string? cacheWrite, string? reasoning, string? request)
    {
        if (!TryRequired(input, out var inputNanos) || !TryRequired(output, out var outputNanos)
            || !UsdAmount.TryParseOptionalNanos(cachedInput, out var cached) || !UsdAmount.TryParseOptionalNanos(cacheWrite, out var write)
            || !UsdAmount.TryParseOptionalNanos(reasoning, out var reasoningNanos) || !UsdAmount.TryParseOptionalNanos(request, out var fee))
        {
            return null;
        }

        return new ModelPricing(inputNanos, outputNanos, cached, write, reasoningNanos, fee ?? 0);
    }

    private static bool TryRequired(string? text, out long nanos)
    {
        nanos = 0;
        return text is not null && UsdAmount.TryParseNanos(text, out nanos);
    }
}
