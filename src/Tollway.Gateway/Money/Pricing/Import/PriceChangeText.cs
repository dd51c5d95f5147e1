using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>Says in words what a price change changes, in USD per million tokens (the fee per request).</summary>
public static class PriceChangeText
{
    /// <summary>Only the rates that differ: <c>input $2.5 → $2, output $10 → $8</c>.</summary>
    public static string Describe(ModelPricing? old, ModelPricing next)
    {
        var parts = new List<string>();
        Add(parts, "input", old?.InputPerMillion, next.InputPerMillion, old is null);
        Add(parts, "output", old?.OutputPerMillion, next.OutputPerMillion, old is null);
        Add(parts, "cached input", old?.CachedInputPerMillion, next.CachedInputPerMillion, old is null);
        Add(parts, "cache write", old?.CacheWritePerMillion, next.CacheWritePerMillion, old is null);
        Add(parts, "reasoning", old?.ReasoningPerMillion, next.ReasoningPerMillion, old is null);
        Add(parts, "request", old?.RequestFee, next.RequestFee, old is null);
        return string.Join(", ", parts);
    }

    /// <summary>A rate in USD, or <c>-</c> when it is not priced apart.</summary>
    public static string Usd(long? nanos) => nanos is { } value ? "$" + UsdAmount.FormatUsd(value) : "-";

    private static void Add(List<string> parts, string name, long? old, long? next, bool wasUnpriced)
    {
        if (old != next || (wasUnpriced && next is not null))
        {
            parts.Add($"{name} {Usd(old)} → {Usd(next)}");
        }
    }
}
