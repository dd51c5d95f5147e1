
namespace Tollway.Gateway.Access.Keys;

/// <summary>
/// Finds the caller's key: <c>Authorization: Bearer tw-…</c> or <c>x-api-key: tw-…</c> (the Anthropic SDK's header). A key
/// whose maker is revoked is refused as revoked, and one whose maker has expired as expired.
/// </summary>
public sealed class ApiKeyAuthenticator(ApiKeyCache cache, TimeProvider timeProvider)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The outcome for the request's headers.</summary>
    public ApiKeyAuthentication Authenticate(HttpRequest request)
    {
        var presented = PresentedKey(request);
        if (presented.IsEmpty)
        {
            return ApiKeyAuthentication.Missing;
        }

        // The cache holds live keys only: a revoked key is simply not found.
        if (!ApiKeyFormat.LooksLikeKey(presented) || !cache.TryGet(KeyHash.Compute(presented), out var key))
        {
            return ApiKeyAuthentication.Invalid;
        }

        // A key lives only while the keys that made it do: revoking or expiring a maker ends its whole family.
        var revocations = cache.Revocations;
        if (cache.MakersOf(key) is not { } makers)
        {
            return ApiKeyAuthentication.Invalid;
        }

        var now = timeProvider.GetUtcNow();
        return key.IsExpired(now) || makers.Any(m => m.IsExpired(now)) ? ApiKeyAuthentication.Expired
            : ApiKeyAuthentication.Success(key) with { Makers = makers, Revocations = revocations };
    }

    private static ReadOnlySpan<char> PresentedKey(HttpRequest request)
    {
        var headers = request.Headers;
        var authorization = headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return value.AsSpan(BearerPrefix.Length).Trim();
        }

        var apiKey = headers["x-api-key"];
        return apiKey.Count == 1 && apiKey[0] is { } raw ? raw.AsSpan().Trim() : [];
    }
}
