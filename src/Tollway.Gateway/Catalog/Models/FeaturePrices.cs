using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Catalog.Models;

/// <summary>Reads the feature prices of a written pricing (config, shipped catalog) onto an endpoint's token rates.</summary>
internal static class FeaturePrices
{
    /// <summary>
    /// <paramref name="pricing"/> with the feature prices of <paramref name="written"/> (1-hour cache writes, web
    /// searches per 1,000, audio input, the priority tier's rates); <see langword="null"/> when one is not a USD amount,
    /// or the priority tier lacks its input or output rate.
    /// </summary>
    public static ModelPricing? Read(ModelPricing pricing, PricingOptions written)
    {
        if (!UsdAmount.TryParseOptionalNanos(written.CacheWrite1h, out var cacheWrite1h) || !UsdAmount.TryParseOptionalNanos(written.WebSearch, out var webSearch)
            || !UsdAmount.TryParseOptionalNanos(written.InputAudio, out var inputAudio) || !TryPriority(written, pricing.RequestFee, out var priority))
        {
            return null;
        }

        return cacheWrite1h is null && webSearch is null && inputAudio is null && priority is null
            ? pricing
            : pricing with { CacheWrite1hPerMillion = cacheWrite1h, WebSearchPerThousand = webSearch, InputAudioPerMillion = inputAudio, Priority = priority };
    }

    /// <summary>The tier's own token rates (cached input at its input rate unless given); its request fee is the endpoint's.</summary>
    private static bool TryPriority(PricingOptions written, long requestFee, out ModelPricing? priority)
    {
        priority = null;
        if (written.PriorityInput is null && written.PriorityOutput is null && written.PriorityCachedInput is null)
        {
            return true;
        }

        if (!UsdAmount.TryParseOptionalNanos(written.PriorityInput, out var input) || !UsdAmount.TryParseOptionalNanos(written.PriorityOutput, out var output)
            || !UsdAmount.TryParseOptionalNanos(written.PriorityCachedInput, out var cached) || input is null || output is null)
        {
            return false;
        }

        priority = new ModelPricing(input.Value, output.Value, cached, RequestFee: requestFee);
        return true;
    }
}
