using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Pipeline.RequestLog;
using Tollway.Gateway.Platform.Telemetry;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>
/// Log: every request, answered or refused, gets an id (<c>X-Request-Id</c>) as it comes in and leaves one metadata row
/// for the request log as it ends (<see cref="RequestLogInbox"/>), never its text.
/// </summary>
internal sealed class RequestLogStage(RequestLogInbox requestLog, RequestLogScopes scopes, RequestMetrics metrics, TimeProvider timeProvider)
{
    /// <summary>Starts the request: its id, its log row, its context.</summary>
    public GatewayRequest Start(HttpContext context, GatewayOperation operation, WireFormat client)
    {
        var started = timeProvider.GetTimestamp();
        var now = timeProvider.GetUtcNow();
        var log = new RequestLogBuilder(RequestIds.New(now), now, operation);
        context.Response.Headers["X-Request-Id"] = log.Id;
        return new GatewayRequest(context, operation, client, log, started);
    }

    /// <summary>Puts the request's id on every log line written until the scope is disposed (when scopes are written at
    /// all: <see cref="RequestLogScopes"/>).</summary>
    public IDisposable? BeginLogScope(GatewayRequest request) => scopes.Begin(request.Log.Id);

    /// <summary>Leaves the request's row in the log, and its count in the metrics, however it ended.</summary>
    public void Finish(GatewayRequest request)
    {
        var duration = timeProvider.GetElapsedTime(request.Started);
        requestLog.TryEnqueue(request.Log.Build((long)duration.TotalMicroseconds));
        metrics.Record(request, duration, request.UpstreamElapsed);
    }
}
