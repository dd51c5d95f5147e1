using Tollway.Gateway.Catalog;
using Tollway.Gateway.Money;

namespace Tollway.Gateway.Pricing;

/// <summary>Prices written as USD decimal text (per million tokens; the request fee per request) into exact nano-USD.</summary>
public static class PriceParsing
{
    /// <summary>The pricing, or <see langword="null"/> when input or output is missing or any value is not a USD amount.</summary>
    public static ModelPricing? Parse(string? input, string? output, string? cachedInput, string? cacheWrite, string? reasoning, string? request)
    {
        if (!TryRequired(input, out var inputNanos) || !TryRequired(output, out var outputNanos)
            || !TryOptional(cachedInput, out var cached) || !TryOptional(cacheWrite, out var write)
            || !TryOptional(reasoning, out var reasoningNanos) || !TryOptional(request, out var fee))
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

    private static bool TryOptional(string? text, out long? nanos)
    {
        nanos = null;
        if (text is null)
        {
            return true;
        }

        if (!UsdAmount.TryParseNanos(text, out var parsed))
        {
            return false;
        }

        nanos = parsed;
        return true;
    }
}
