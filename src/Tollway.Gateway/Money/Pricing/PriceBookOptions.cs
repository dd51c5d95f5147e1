namespace Tollway.Gateway.Money.Pricing;

/// <summary>The price book's keys of the <c>Billing</c> section: the configured markup and how often changes made at
/// run time are picked up.</summary>
public sealed class PriceBookOptions
{
    /// <summary>The configuration section these options are bound from (shared with the billing's own options).</summary>
    public const string Section = "Billing";

    /// <summary>The operator's markup on provider cost, in percent (<c>"12.5"</c>), unless a provider, model or account has its own.</summary>
    public string MarkupPercent { get; set; } = "0";

    /// <summary>How often runtime price and markup changes made on other nodes are picked up.</summary>
    public TimeSpan PricingRefresh { get; set; } = TimeSpan.FromSeconds(1);
}
