using Microsoft.Extensions.Logging;

namespace Tollway.Gateway.Diagnostics;

/// <summary>
/// Every log message of the gateway, source-generated so that a disabled level costs nothing. Event ids by area:
/// 1xxx keys and accounts, 2xxx request path, 3xxx request log (the executable uses 9xxx).
/// Never pass an API key, a provider key, a prompt or a response here.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "Refreshing the API key cache failed; serving the keys already cached")]
    public static partial void KeyCacheRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(2001, LogLevel.Warning, "Upstream {Provider} failed for model {Model}: {Error} after {ElapsedMs} ms")]
    public static partial void UpstreamFailed(ILogger logger, string provider, string model, string error, long elapsedMs);

    [LoggerMessage(2002, LogLevel.Information, "Upstream {Provider} answered {Status} for model {Model}")]
    public static partial void UpstreamRejected(ILogger logger, string provider, int status, string model);

    [LoggerMessage(2003, LogLevel.Warning, "Stream from {Provider} for model {Model} broke after the first byte: {Error}")]
    public static partial void StreamBroken(ILogger logger, string provider, string model, string error);

    [LoggerMessage(3001, LogLevel.Error, "Writing {Count} request log rows failed; retrying")]
    public static partial void RequestLogWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(3002, LogLevel.Warning, "The request log queue is full; {Dropped} rows dropped so far")]
    public static partial void RequestLogDropped(ILogger logger, long dropped);
}
