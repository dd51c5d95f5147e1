using Microsoft.Extensions.Options;

namespace Tollway.Gateway.Money.Pricing;

/// <summary>The price book in force on this node, reloaded when the shared pricing version moves.</summary>
public sealed class PriceBookState(IPricingStore store, IOptions<PriceBookOptions> options) : IDisposable
{
    private readonly long _configuredMarkup = Percent.TryParsePartsPerMillion(options.Value.MarkupPercent, out var ppm)
        ? ppm
        : throw new InvalidOperationException("Billing:MarkupPercent was not validated.");

    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile PriceBook _current = new(PricingSettings.Empty, 0);

    /// <summary>The book requests are quoted from now.</summary>
    public PriceBook Current => _current;

    /// <inheritdoc />
    public void Dispose() => _reload.Dispose();

    /// <summary>Reloads from the store when its version differs from the book's (or always, when forced).</summary>
    public async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            if (!force && await store.GetVersionAsync(cancellationToken) == _current.Version && _current.Settings != PricingSettings.Empty)
            {
                return;
            }

            _current = new PriceBook(await store.LoadAsync(cancellationToken), _configuredMarkup);
        }
        finally
        {
            _reload.Release();
        }
    }
}
