using System.Collections.Frozen;
using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Money.Pricing;

/// <summary>
/// Prices and markups in force: configured endpoint prices, overridden by the operator's runtime prices, and markups
/// at four levels where the most specific wins (account, model, provider, then global). Immutable; a change builds a
/// new book.
/// </summary>
public sealed class PriceBook
{
    private readonly FrozenDictionary<(string Model, string Provider), PriceOverride> _prices;
    private readonly FrozenDictionary<(MarkupScope Scope, string Subject), long> _markups;
    private readonly long _configuredMarkup;

    /// <summary>Builds the book from runtime settings over the configured global markup.</summary>
    public PriceBook(PricingSettings settings, long configuredMarkupPartsPerMillion)
    {
        Version = settings.Version;
        Settings = settings;
        _configuredMarkup = configuredMarkupPartsPerMillion;
        _prices = settings.Prices.ToFrozenDictionary(p => (p.Model, p.Provider), PriceKeyComparer.Instance);
        _markups = settings.Markups.ToFrozenDictionary(m => (m.Scope, m.Subject), m => m.PartsPerMillion, MarkupKeyComparer.Instance);
    }

    /// <summary>The runtime settings version this book reflects.</summary>
    public long Version { get; }

    /// <summary>The runtime settings it was built from.</summary>
    public PricingSettings Settings { get; }

    /// <summary>The endpoint's price in force, or <see langword="null"/> when it has none (such a model is refused, never served free).</summary>
    public ModelPricing? PriceOf(CatalogModel model, ModelEndpoint endpoint) =>
        _prices.TryGetValue((model.Id, endpoint.Provider.Name), out var price) ? price.Pricing : endpoint.Pricing;

    /// <summary>When the price in force was read: the day a runtime price was set, else the shipped price's date
    /// (<see langword="null"/> for a configured price, or a runtime one set before dates were kept).</summary>
    public DateOnly? PriceDateOf(CatalogModel model, ModelEndpoint endpoint) =>
        _prices.TryGetValue((model.Id, endpoint.Provider.Name), out var price) ? price.PricedOn : endpoint.PriceDate;

    /// <summary>The markup for a request, in parts per million of the provider cost.</summary>
    public long MarkupFor(string accountId, string modelId, string providerName)
    {
        if (_markups.TryGetValue((MarkupScope.Account, accountId), out var markup)
            || _markups.TryGetValue((MarkupScope.Model, modelId), out markup)
            || _markups.TryGetValue((MarkupScope.Provider, providerName), out markup)
            || _markups.TryGetValue((MarkupScope.Global, ""), out markup))
        {
            return markup;
        }

        return _configuredMarkup;
    }

    /// <summary>The quote for one request, or <see langword="null"/> when the endpoint has no price.</summary>
    public PriceQuote? Quote(CatalogModel model, ModelEndpoint endpoint, string accountId) =>
        PriceOf(model, endpoint) is { } pricing
            ? new PriceQuote(pricing, MarkupFor(accountId, model.Id, endpoint.Provider.Name), Version)
            : null;
}
