using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Money.Pricing;

/// <summary>Percentages as exact parts per million (12.5 % → 125,000), parsed and shown without floating point.</summary>
public static class Percent
{
    /// <summary>Parts per million in one percent.</summary>
    private const long PartsPerPercent = 10_000;

    /// <summary>Nano-units per part per million when the same digits are read by the USD parser (9 decimals vs 4).</summary>
    private const long NanosPerPart = UsdAmount.NanosPerUsd / PartsPerPercent;

    /// <summary>Parses a non-negative percentage with at most four decimals (<c>"12.5"</c> → 125,000).</summary>
    public static bool TryParsePartsPerMillion(string? text, out long partsPerMillion)
    {
        partsPerMillion = 0;
        if (text is null || !UsdAmount.TryParseNanos(text, out var nanos) || nanos % NanosPerPart != 0)
        {
            return false;
        }

        partsPerMillion = nanos / NanosPerPart;
        return true;
    }

    /// <summary>Shows parts per million as a percentage (<c>125000</c> → <c>"12.5"</c>).</summary>
    public static string Format(long partsPerMillion) => UsdAmount.FormatUsd(partsPerMillion * NanosPerPart);
}
