namespace Tollway.Gateway.Pricing;

/// <summary>
/// What a request asks of a provider that is priced apart from its tokens at the base rates, as far as the gateway
/// must price, bound or refuse it: the priority service tier, 1-hour cache writes, web searches (at most
/// <see cref="MaxWebSearches"/>), and server-side tools whose results the provider adds to the prompt in further
/// sampling steps (<see cref="ServerSideTools"/>), so that the prompt billed is not known from the request.
/// </summary>
public readonly record struct PricedFeatures(
    bool PriorityTier = false,
    bool CacheWrites1h = false,
    int MaxWebSearches = 0,
    bool ServerSideTools = false);
