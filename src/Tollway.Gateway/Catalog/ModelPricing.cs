namespace Tollway.Gateway.Catalog;

/// <summary>
/// List prices of one endpoint in nano-USD per million tokens (the request fee in nano-USD per request). A
/// <see langword="null"/> rate means "not priced apart": cached input falls back to input, reasoning to output.
/// </summary>
public sealed record ModelPricing(
    long InputPerMillion,
    long OutputPerMillion,
    long? CachedInputPerMillion = null,
    long? CacheWritePerMillion = null,
    long? ReasoningPerMillion = null,
    long RequestFee = 0)
{
    /// <summary>Free: local models and tests.</summary>
    public static ModelPricing Free { get; } = new(0, 0);
}
