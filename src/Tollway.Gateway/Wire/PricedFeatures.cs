namespace Tollway.Gateway.Wire;

/// <summary>
/// What a request asks of a provider that is priced apart from its tokens at the base rates, as far as the gateway
/// must price, bound or refuse it: the priority service tier, 1-hour cache writes, web searches (at most
/// <see cref="MaxWebSearches"/>), server-side tools whose results the provider adds to the prompt in further sampling
/// steps (<see cref="ServerSideTools"/>), so that the prompt billed is not known from the request, input billed as
/// audio (<see cref="Audio"/>), and documents left to a provider's default parser (<see cref="DefaultPdfParsing"/>:
/// OpenRouter's is OCR billed per page for a model that cannot read files, which nothing prices).
/// </summary>
/// <remarks>
/// Read from a request, <see cref="MaxWebSearches"/> is what an Anthropic body's <c>web_search</c> tool allows and
/// <see cref="ChatWebSearches"/> what a chat completion asks for (<c>web_search_options</c>: one; OpenRouter's web
/// plugin: its results); reaching an endpoint, <see cref="MaxWebSearches"/> is what that endpoint may bill, its own
/// search of every request included, and <see cref="SearchParam"/> the member that asked for them.
/// </remarks>
public readonly record struct PricedFeatures(
    bool PriorityTier = false,
    bool CacheWrites1h = false,
    int MaxWebSearches = 0,
    bool ServerSideTools = false,
    bool Audio = false,
    int ChatWebSearches = 0,
    string? SearchParam = null,
    bool DefaultPdfParsing = false);
