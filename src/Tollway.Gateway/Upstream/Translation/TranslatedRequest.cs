using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation;

/// <summary>A request body in a provider's own dialect, or why the request cannot be said in it (a 400 for the caller).</summary>
internal readonly record struct TranslatedRequest(PooledBuffer? Body, string? Error)
{
    public static TranslatedRequest Refused(string error) => new(null, error);
}
