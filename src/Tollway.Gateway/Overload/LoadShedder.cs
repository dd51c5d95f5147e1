using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tollway.Gateway.Diagnostics;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Messages;
using Tollway.Gateway.Providers;
using Tollway.Gateway.Proxy;

namespace Tollway.Gateway.Overload;

/// <summary>
/// Puts the model endpoints behind the <see cref="InFlightLimiter"/>. A request over the limit is answered at once with
/// 503 and <c>Retry-After: 1</c> in its API's shape, before its key, body or model is looked at, so nothing goes
/// upstream and no money moves; like every other refusal it leaves a request log row. An admitted request holds its
/// slot until its handler returns, which for a stream is when the stream has ended.
/// </summary>
/// <remarks>
/// It wraps the handlers rather than living in them so that the request path itself does not change; the wrapper costs
/// an admitted request one interlocked increment and decrement and the one state machine that awaits the handler.
/// </remarks>
internal sealed class LoadShedder(InFlightLimiter limiter, TimeProvider timeProvider, ILogger<LoadShedder> logger)
{
    /// <summary>How often, at most, a node that is refusing requests says so in its log.</summary>
    public static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(10);

    private static readonly GatewayError Refusal = GatewayError.Overloaded();

    private readonly long _warningIntervalTicks = (long)(WarningInterval.TotalSeconds * timeProvider.TimestampFrequency);
    private long _nextWarning = long.MinValue;

    /// <summary>A chat completion, completion, embeddings or Messages request.</summary>
    public Task HandleAsync(HttpContext context, ProxyHandler proxy, GatewayOperation operation, WireFormat client = WireFormat.OpenAi) =>
        limiter.TryEnter() ? HoldSlotAsync(proxy.HandleAsync(context, operation, client)) : RefuseAsync(context, proxy, operation, client);

    /// <summary>A Messages token count, which may ask Anthropic and so holds an upstream connection too.</summary>
    public Task HandleAsync(HttpContext context, CountTokensHandler counter) =>
        limiter.TryEnter() ? HoldSlotAsync(counter.HandleAsync(context)) : RefuseCountAsync(context);

    /// <summary>Gives the slot back when the admitted request's handler (an async method: it fails through its task,
    /// never before returning it) has finished.</summary>
    private async Task HoldSlotAsync(Task handling)
    {
        try
        {
            await handling;
        }
        finally
        {
            limiter.Exit();
        }
    }

    /// <summary>Answers 503 with <c>Retry-After</c>, logged by the proxy as any refusal is.</summary>
    private Task RefuseAsync(HttpContext context, ProxyHandler proxy, GatewayOperation operation, WireFormat client)
    {
        WarnNowAndThen();
        context.Response.Headers.RetryAfter = "1";
        return proxy.RefuseAsync(context, operation, Refusal, client);
    }

    /// <summary>Answers a token count 503 with <c>Retry-After</c>; the request log does not record token counts.</summary>
    private Task RefuseCountAsync(HttpContext context)
    {
        WarnNowAndThen();
        context.Response.Headers.RetryAfter = "1";
        return ClientErrors.WriteAsync(context, Refusal, WireFormat.Anthropic);
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
