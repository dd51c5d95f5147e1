namespace Tollway.Gateway.Wire;

/// <summary>What a request cost as its usage object reports it: the provider's part and the markup, in nano-USD, and
/// whether its tokens were counted by the gateway because the provider reported none.</summary>
internal readonly record struct UsageCost(long ProviderCost, long Markup, bool Estimated)
{
    /// <summary>The total billed: provider cost plus markup.</summary>
    public long Total => ProviderCost + Markup;
}
