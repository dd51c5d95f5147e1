using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>
/// One model of a price file: which provider preset and provider model id it prices, its rates, and — when it cannot
/// be used — why. <see cref="Kind"/> is <see langword="null"/> where the file does not say. <see cref="DearerAbove"/> is
/// the prompt size above which the file lists higher prices, which a single price cannot express.
/// </summary>
public sealed record ImportedPrice(
    string SourceId,
    string? Preset,
    string UpstreamModel,
    ModelKind? Kind,
    ImportedRates? Rates,
    string? Problem,
    int? ContextLength = null,
    int? MaxOutputTokens = null,
    int? DearerAbove = null);
