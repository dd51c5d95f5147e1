namespace Tollway.Gateway.Money.Pricing;

/// <summary>Everything the operator changed at run time, with the version it reached (it grows with every change).</summary>
public sealed record PricingSettings(long Version, IReadOnlyList<PriceOverride> Prices, IReadOnlyList<MarkupSetting> Markups)
{
    /// <summary>Nothing changed yet.</summary>
    public static PricingSettings Empty { get; } = new(0, [], []);
}
