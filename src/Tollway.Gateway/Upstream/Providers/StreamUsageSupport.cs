namespace Tollway.Gateway.Upstream.Providers;

/// <summary>How an upstream reports token usage on a streamed response.</summary>
public enum StreamUsageSupport
{
    /// <summary>It honours <c>stream_options.include_usage</c> and sends a final chunk with empty <c>choices</c> and <c>usage</c>.</summary>
    StreamOptions,

    /// <summary>It sends usage on the last chunk whether asked or not, and may reject <c>stream_options</c>.</summary>
    AlwaysIncluded,

    /// <summary>It does not report usage on streams at all.</summary>
    Unavailable,
}
