
namespace Tollway.Gateway.Platform.Diagnostics;

/// <summary>
/// Every log message of the gateway, source-generated so that a disabled level costs nothing. Event ids by area:
/// 1xxx keys and accounts, 2xxx request path, 3xxx request log (the executable uses 9xxx).
/// Never pass an API key, a provider key, a prompt or a response here.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "Refreshing the API key cache failed; serving the keys already cached")]
    public static partial void KeyCacheRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(1101, LogLevel.Warning, "Reloading prices and markups failed; quoting from the prices already loaded")]
    public static partial void PricingRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(1201, LogLevel.Error, "Committing {Count} charges failed; retrying")]
    public static partial void ChargeCommitFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(1202, LogLevel.Error, "Charge {RequestId} for account {AccountId} was refused by the ledger ({Outcome}); the node's lease on it had lapsed")]
    public static partial void ChargeRefused(ILogger logger, string requestId, string accountId, string outcome);

    [LoggerMessage(1203, LogLevel.Warning, "Request {RequestId} used {Actual} nano-USD but held {Held}; billed the hold (the estimate was short)")]
    public static partial void ChargeCappedAtHold(ILogger logger, string requestId, long actual, long held);

    [LoggerMessage(1205, LogLevel.Critical, "Charge {RequestId} of {Amount} nano-USD for account {AccountId} was refused again and again by a database that answers, and was abandoned; its amount went back to the lease it came from")]
    public static partial void ChargeAbandoned(ILogger logger, string requestId, string accountId, long amount, Exception exception);

    [LoggerMessage(1206, LogLevel.Warning, "Charge {RequestId} is not durable yet after {Seconds} s; answering, and the writer keeps trying")]
    public static partial void ChargeCommitSlow(ILogger logger, string requestId, int seconds);

    [LoggerMessage(1204, LogLevel.Warning, "Lease maintenance failed; retrying")]
    public static partial void LeaseMaintenanceFailed(ILogger logger, Exception exception);

    [LoggerMessage(1207, LogLevel.Warning, "Topping up the lease on account {AccountId} ahead of need failed; holds will lease when they run short")]
    public static partial void LeaseRefillFailed(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(1220, LogLevel.Warning, "This node lost its lease {LeaseId} on account {AccountId} ({Reason}); it holds nothing against it any more and leases afresh")]
    public static partial void LeaseLost(ILogger logger, string accountId, long leaseId, string reason);

    [LoggerMessage(1221, LogLevel.Error, "The database does not answer; charge {RequestId} stays queued and is retried until it is written")]
    public static partial void ChargeAwaitsDatabase(ILogger logger, string requestId);

    [LoggerMessage(1270, LogLevel.Error, "The database cannot be reached; requests that need it (a lease on a balance, a key's spend, an x402 payment) are answered 503 until it answers again")]
    public static partial void DatabaseUnreachable(ILogger logger, Exception exception);

    [LoggerMessage(1271, LogLevel.Warning, "The database answers again; {Failed} calls on the request path failed while it did not")]
    public static partial void DatabaseReachableAgain(ILogger logger, long failed);

    [LoggerMessage(2001, LogLevel.Warning, "Upstream {Provider} failed for model {Model}: {Error} after {ElapsedMs} ms")]
    public static partial void UpstreamFailed(ILogger logger, string provider, string model, string error, long elapsedMs);

    [LoggerMessage(2002, LogLevel.Information, "Upstream {Provider} answered {Status} for model {Model}")]
    public static partial void UpstreamRejected(ILogger logger, string provider, int status, string model);

    [LoggerMessage(2003, LogLevel.Warning, "Stream from {Provider} for model {Model} broke after the first byte: {Error}")]
    public static partial void StreamBroken(ILogger logger, string provider, string model, string error);

    [LoggerMessage(2004, LogLevel.Information, "Token count from {Provider} for model {Model} failed ({Reason}); answered with the gateway's own count")]
    public static partial void TokenCountFellBack(ILogger logger, string provider, string model, string reason);

    [LoggerMessage(2005, LogLevel.Warning, "Refusing requests with 503: {InFlight} in flight, at the limit of {Limit} (server.maxConcurrentRequests); {Refused} refused since start")]
    public static partial void Shedding(ILogger logger, int inFlight, int limit, long refused);

    [LoggerMessage(3001, LogLevel.Error, "Writing {Count} request log rows failed; retrying")]
    public static partial void RequestLogWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(3002, LogLevel.Warning, "The request log queue is full; {Dropped} rows dropped so far")]
    public static partial void RequestLogDropped(ILogger logger, long dropped);
}
