namespace Tollway.Gateway.Money.Pricing;

/// <summary>Runtime prices and markups, shared by every node through the database.</summary>
public interface IPricingStore
{
    /// <summary>Every override and markup, with the current version.</summary>
    Task<PricingSettings> LoadAsync(CancellationToken cancellationToken);

    /// <summary>The current version (cheap; nodes poll it to notice another node's change).</summary>
    Task<long> GetVersionAsync(CancellationToken cancellationToken);

    /// <summary>Sets (or replaces) an endpoint's price; returns the new version.</summary>
    Task<long> SetPriceAsync(PriceOverride price, CancellationToken cancellationToken);

    /// <summary>Sets (or replaces) several endpoints' prices in one transaction with one version step; returns the new version.</summary>
    Task<long> SetPricesAsync(IReadOnlyList<PriceOverride> prices, CancellationToken cancellationToken);

    /// <summary>Sets a markup, or removes it when <paramref name="partsPerMillion"/> is <see langword="null"/>; returns the new version.</summary>
    Task<long> SetMarkupAsync(MarkupScope scope, string subject, long? partsPerMillion, CancellationToken cancellationToken);
}
