using Tollway.Gateway.Errors;
using Tollway.Gateway.Platform.Diagnostics;

namespace Tollway.Gateway.Pipeline.Overload;

/// <summary>
/// Puts the model endpoints behind the <see cref="InFlightLimiter"/>. A request over the limit is answered at once with
/// 503 and <c>Retry-After: 1</c> in its API's shape, before its key, body or model is looked at, so nothing goes
/// upstream and no money moves; like every other refusal it leaves a request log row. An admitted request holds its
/// slot until its handler returns, which for a stream is when the stream has ended.
/// </summary>
/// <remarks>
/// It wraps the endpoints' request delegates (<see cref="LoadSheddingEndpointConventions.ShedLoad{TBuilder}"/>) rather
/// than living in the handlers, so that it knows none of them and the request path itself does not change; each
/// endpoint says how it refuses. The wrapper costs an admitted request one interlocked increment and decrement and the
/// one state machine that awaits the handler.
/// </remarks>
internal sealed class LoadShedder(InFlightLimiter limiter, OverloadMetrics metrics, TimeProvider timeProvider, ILogger<LoadShedder> logger)
{
    /// <summary>How often, at most, a node that is refusing requests says so in its log.</summary>
    public static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(10);

    private static readonly GatewayError Refusal = GatewayError.Overloaded();

    private readonly long _warningIntervalTicks = (long)(WarningInterval.TotalSeconds * timeProvider.TimestampFrequency);
    private long _nextWarning = long.MinValue;

    /// <summary>Runs the endpoint's handler when a slot is free, and otherwise answers with <paramref name="refuse"/>.</summary>
    public Task HandleAsync(HttpContext context, RequestDelegate handler, Func<HttpContext, GatewayError, Task> refuse) =>
        limiter.TryEnter() ? HoldSlotAsync(context, handler) : RefuseAsync(context, refuse);

    /// <summary>Gives the slot back when the admitted request's handler has finished, however it ends.</summary>
    private async Task HoldSlotAsync(HttpContext context, RequestDelegate handler)
    {
        try
        {
            await handler(context);
        }
        finally
        {
            limiter.Exit();
        }
    }

    /// <summary>Answers 503 with <c>Retry-After</c> the endpoint's way (logged by the proxy as any refusal is).</summary>
    private Task RefuseAsync(HttpContext context, Func<HttpContext, GatewayError, Task> refuse)
    {
        WarnNowAndThen();
        metrics.Shed(OverloadMetrics.InFlightLimit);
        context.Response.Headers.RetryAfter = "1";
        return refuse(context, Refusal);
    }

    /// <summary>Says that requests are being refused, once per <see cref="WarningInterval"/> however many are.</summary>
    private void WarnNowAndThen()
    {
        var now = timeProvider.GetTimestamp();
        var due = Volatile.Read(ref _nextWarning);
        if (now >= due && Interlocked.CompareExchange(ref _nextWarning, now + _warningIntervalTicks, due) == due)
        {
            Log.Shedding(logger, limiter.InFlight, limiter.Limit, limiter.Refused);
        }
    }
}
