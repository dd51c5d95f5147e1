using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Billing;
using Tollway.Gateway.Configuration;
using Tollway.Gateway.Diagnostics;
using Tollway.Gateway.OpenAi;
using Tollway.Gateway.Providers;
using Tollway.Gateway.RequestLog;
using Tollway.Gateway.Routing;

namespace Tollway.Gateway.Proxy;

/// <summary>
/// Sends a request to its candidate endpoints in the planned order until one answers. A failure before anything went
/// to the client (connect error, timeout, 408/429/5xx/529, or a provider refusing the gateway's key) moves on to the
/// next endpoint, or back to one already tried after an exponential, jittered wait that honours <c>Retry-After</c>
/// within a cap; the caller's own mistakes (400, 404, 422…) are relayed at once. Once the first byte has gone to the
/// client nothing is retried: a broken stream ends with an error event. Every attempt feeds the endpoint's health.
/// </summary>
internal sealed class AttemptRunner(
    UpstreamForwarder forwarder,
    ResponseRelay relay,
    EndpointHealthRegistry health,
    RoutingRandom random,
    IOptions<TollwayOptions> options,
    TimeProvider timeProvider,
    ILogger<AttemptRunner> logger)
{
    private readonly RoutingOptions _options = options.Value.Routing;

    public async Task RunAsync(
        HttpContext context, GatewayOperation operation, PooledBuffer body, InspectedRequest request, RequestBilling billing, RequestLogBuilder log)
    {
        var attempts = new List<AttemptRecord>();
        var started = timeProvider.GetTimestamp();
        var candidates = billing.Candidates;
        var maxAttempts = Math.Max(_options.MaxAttempts, 1);
        TimeSpan? retryAfter = null;
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            // A fresh endpoint is tried at once; going back to one already tried waits first.
            if (attempt >= candidates.Count)
            {
                await WaitAsync(attempt, retryAfter, context.RequestAborted);
            }

            var candidate = candidates[attempt % candidates.Count];
            billing.UseEndpoint(candidate);
            log.Provider = candidate.Endpoint.Provider.Name;
            log.UpstreamModel = candidate.Endpoint.UpstreamModel;
            var isLast = attempt + 1 >= maxAttempts || timeProvider.GetElapsedTime(started) >= _options.TotalDeadline;
            retryAfter = await TryOnceAsync(context, operation, body, request, billing, candidate, attempts, isLast, log);
            if (retryAfter is null)
            {
                break;
            }
        }

        log.Attempts = AttemptRecord.Join(attempts);
    }

    /// <summary>One attempt. <see langword="null"/> when the request is finished (answered or failed for good); else the
    /// provider's <c>Retry-After</c> (zero when it gave none), meaning: try again.</summary>
    private async Task<TimeSpan?> TryOnceAsync(
        HttpContext context, GatewayOperation operation, PooledBuffer body, InspectedRequest request, RequestBilling billing,
        EndpointQuote candidate, List<AttemptRecord> attempts, bool isLast, RequestLogBuilder log)
    {
        var endpoint = candidate.Endpoint;
        var endpointHealth = health.For(endpoint);
        endpointHealth.TryAcquire();
        var askForUsage = endpoint.Provider.Preset.StreamUsage == StreamUsageSupport.StreamOptions;
        using var rewritten = UpstreamBodyWriter.NeedsRewrite(request, endpoint.UpstreamModel, askForUsage)
            ? UpstreamBodyWriter.Rewrite(body.Span, request, endpoint.UpstreamModel, askForUsage)
            : null;
        using var exchange = await forwarder.SendAsync(endpoint, operation, rewritten?.Memory ?? body.Memory, request.Stream, context.RequestAborted);
        log.UpstreamFirstByteMicros = (long)exchange.HeadersElapsed.TotalMicroseconds;
        if (exchange.Error == ForwarderError.ClientAborted)
        {
            attempts.Add(new AttemptRecord(endpoint.Key, "client_closed"));
            log.Status = 499;
            log.ErrorCode = "client_closed_request";
            return null;
        }

        if (exchange.Error != ForwarderError.None)
        {
            attempts.Add(new AttemptRecord(endpoint.Key, exchange.Error.ToString()));
            endpointHealth.RecordFailure(exchange.Error.ToString(), quota: false);
            Log.UpstreamFailed(logger, endpoint.Provider.Name, endpoint.UpstreamModel, exchange.Error.ToString(), (long)exchange.HeadersElapsed.TotalMilliseconds);
            if (!isLast)
            {
                return TimeSpan.Zero;
            }

            await FailAsync(context, log, attempts, ForwarderFailure(endpoint.Provider.Name, exchange.Error));
            return null;
        }

        var status = (int)exchange.Response!.StatusCode;
        attempts.Add(new AttemptRecord(endpoint.Key, status.ToString(CultureInfo.InvariantCulture)));
        var verdict = RetryClassifier.Classify(status);
        if (verdict != UpstreamVerdict.Relay)
        {
            endpointHealth.RecordFailure($"HTTP {status}", quota: verdict == UpstreamVerdict.RetryElsewhereCoolDown);
            if (!isLast)
            {
                return exchange.Response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
            }
        }

        SetRoutingHeaders(context, endpoint.Provider.Name, attempts.Count);
        var outcome = await relay.RelayAsync(context, exchange, endpoint, request, billing);
        if (verdict == UpstreamVerdict.Relay && status is >= 200 and < 300 && outcome.Status == 200)
        {
            var elapsed = timeProvider.GetElapsedTime(exchange.Started);
            var generating = elapsed - exchange.HeadersElapsed;
            double? speed = outcome.Usage is { CompletionTokens: > 0 } usage && generating > TimeSpan.Zero
                ? usage.CompletionTokens / generating.TotalSeconds
                : null;
            endpointHealth.RecordSuccess(exchange.HeadersElapsed, speed);
        }

        log.Status = outcome.Status;
        log.ErrorCode = outcome.ErrorCode;
        log.Usage = outcome.Usage;
        log.ResponseBytes = outcome.ResponseBytes;
        return null;
    }

    private async Task WaitAsync(int attempt, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var exponential = TimeSpan.FromTicks(_options.BackoffBase.Ticks * (1L << Math.Min(attempt - 1, 16)));
        // Full jitter on the upper half: spreads retries of many clients without ever waiting less than half.
        var jittered = TimeSpan.FromTicks((long)(exponential.Ticks * (0.5 + (random.NextDouble() * 0.5))));
        var delay = retryAfter is { } asked && asked > jittered ? asked : jittered;
        await Task.Delay(delay < _options.BackoffCap ? delay : _options.BackoffCap, timeProvider, cancellationToken);
    }

    private static void SetRoutingHeaders(HttpContext context, string provider, int attempts)
    {
        context.Response.Headers["x-tollway-provider"] = provider;
        context.Response.Headers["x-tollway-attempts"] = attempts.ToString(CultureInfo.InvariantCulture);
    }

    private static OpenAiError ForwarderFailure(string provider, ForwarderError error) => error switch
    {
        ForwarderError.ConnectFailed => OpenAiError.UpstreamUnreachable(provider),
        ForwarderError.ConnectTimeout => OpenAiError.UpstreamTimeout(provider, "connect"),
        ForwarderError.FirstByteTimeout => OpenAiError.UpstreamTimeout(provider, "first byte"),
        ForwarderError.TotalTimeout => OpenAiError.UpstreamTimeout(provider, "total"),
        _ => OpenAiError.UpstreamFailed(provider, "the connection broke before a response."),
    };

    private static Task FailAsync(HttpContext context, RequestLogBuilder log, List<AttemptRecord> attempts, OpenAiError error)
    {
        SetRoutingHeaders(context, log.Provider ?? "", attempts.Count);
        log.Status = error.Status;
        log.ErrorCode = error.Code;
        return OpenAiErrorWriter.WriteAsync(context, error);
    }
}
