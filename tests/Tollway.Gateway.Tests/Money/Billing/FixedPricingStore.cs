using Tollway.Gateway.Money.Pricing;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>Runtime prices and markups that never change: the ones a test sets.</summary>
internal sealed class FixedPricingStore(PricingSettings settings) : IPricingStore
{
    public Task<PricingSettings> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(settings);

    public Task<long> GetVersionAsync(CancellationToken cancellationToken) => Task.FromResult(settings.Version);

    public Task<long> SetPriceAsync(PriceOverride price, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<long> SetPricesAsync(IReadOnlyList<PriceOverride> prices, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<long> SetMarkupAsync(MarkupScope scope, string subject, long? partsPerMillion, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
