using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>
/// The rates a price file states for one model, in nano-USD per million tokens (the request fee in nano-USD per
/// request). A <see langword="null"/> optional rate means "not priced apart" (cached input falls back to input,
/// reasoning to output). A format that does not carry request fees leaves the fee in force as it is.
/// </summary>
public sealed record ImportedRates(
    long Input,
    long Output,
    long? CachedInput,
    long? CacheWrite,
    long? Reasoning,
    long? RequestFee)
{
    /// <summary>The endpoint's new price: these rates over the one in force, whose request fee stays when the file has none.</summary>
    public ModelPricing Over(ModelPricing? current) =>
        new(Input, Output, CachedInput, CacheWrite, Reasoning, RequestFee ?? current?.RequestFee ?? 0);
}
