namespace Tollway.Gateway.Upstream.Routing;

/// <summary>Which upstream statuses are worth another attempt.</summary>
public static class RetryClassifier
{
    /// <summary>The verdict for an HTTP status from a provider.</summary>
    public static UpstreamVerdict Classify(int status) => status switch
    {
        >= 200 and < 300 => UpstreamVerdict.Relay,
        408 or 429 or 500 or 502 or 503 or 504 or 529 => UpstreamVerdict.Retry,
        401 or 402 or 403 => UpstreamVerdict.RetryElsewhereCoolDown,
        _ => UpstreamVerdict.Relay,
    };
}
