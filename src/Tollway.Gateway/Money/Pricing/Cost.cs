namespace Tollway.Gateway.Money.Pricing;

/// <summary>What a request costs in nano-USD: the provider's price and the operator's markup on it.</summary>
public readonly record struct Cost(long ProviderCost, long Markup)
{
    /// <summary>The amount billed. Checked: a sum past <see cref="long.MaxValue"/> throws rather than wraps negative.</summary>
    public long Total => checked(ProviderCost + Markup);
}
