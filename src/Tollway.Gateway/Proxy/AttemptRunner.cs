using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Billing;
using Tollway.Gateway.Diagnostics;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Providers;
using Tollway.Gateway.RequestLog;
using Tollway.Gateway.Routing;
using Tollway.Gateway.Translation;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Proxy;

/// <summary>
/// Sends a request to its candidate endpoints in the planned order until one answers. A failure before anything went
/// to the client (connect error, timeout, 408/429/5xx/529, or a provider refusing the gateway's key) moves on to the
/// next endpoint, or back to one already tried after an exponential, jittered wait that honours <c>Retry-After</c>
/// within a cap; the caller's own mistakes (400, 404, 422…) are relayed at once. Once the first byte has gone to the
/// client nothing is retried: a broken stream ends with an error event. A non-streamed request that timed out after
/// it was sent is not retried either: it is billed as the generation the provider most likely ran. A client that leaves
/// gets no new attempt: an attempt already sent runs on to its answer, which is billed as the provider bills it, and
/// nothing else is sent. Every attempt feeds the endpoint's health.
/// </summary>
internal sealed class AttemptRunner(
    UpstreamForwarder forwarder,
    ResponseRelay relay,
    EndpointHealthRegistry health,
    RoutingRandom random,
    IOptions<RoutingOptions> options,
    TimeProvider timeProvider,
    ILogger<AttemptRunner> logger)
{
    private readonly RoutingOptions _options = options.Value;

    public async Task RunAsync(
        HttpContext context, GatewayOperation operation, PooledBuffer body, InspectedRequest request, RequestBilling billing, RequestLogBuilder log)
    {
        var attempts = new List<AttemptRecord>();
        var started = timeProvider.GetTimestamp();
        var candidates = billing.Candidates;
        var maxAttempts = Math.Max(_options.MaxAttempts, 1);
        var next = 0;
        AttemptResult? result = null;
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            // Another key of the same provider is tried at once; a fresh endpoint too; an endpoint already tried after a wait.
            if (result is { RotateKey: false } && next >= candidates.Count)
            {
                await WaitAsync(attempt, result.Value.RetryAfter, context.RequestAborted);
            }

            // Nothing more is sent for a client that is gone: neither a request that has not gone out yet, nor a retry or
            // a failover of one that failed (an attempt already sent runs on without it, see UpstreamForwarder).
            if (context.RequestAborted.IsCancellationRequested)
            {
                ClientLeft(log);
                break;
            }

            var candidate = candidates[next % candidates.Count];
            billing.UseEndpoint(candidate);
            log.Provider = candidate.Endpoint.Provider.Name;
            log.UpstreamModel = candidate.Endpoint.UpstreamModel;
            var isLast = attempt + 1 >= maxAttempts || timeProvider.GetElapsedTime(started) >= _options.TotalDeadline;
            result = await TryOnceAsync(context, operation, body, request, billing, candidate, attempts, isLast, log);
            if (result is null)
            {
                break;
            }

            if (!result.Value.RotateKey)
            {
                next++;
            }
        }

        log.Attempts = AttemptRecord.Join(attempts);
    }

    /// <summary>One attempt. <see langword="null"/> when the request is finished (answered or failed for good); else how
    /// to go on: the provider's <c>Retry-After</c>, and whether the same endpoint should be tried at once with another key.</summary>
    private async Task<AttemptResult?> TryOnceAsync(
        HttpContext context, GatewayOperation operation, PooledBuffer body, InspectedRequest request, RequestBilling billing,
        EndpointQuote candidate, List<AttemptRecord> attempts, bool isLast, RequestLogBuilder log)
    {
        var endpoint = candidate.Endpoint;
        var provider = endpoint.Provider;
        var endpointHealth = health.For(endpoint);
        endpointHealth.TryAcquire();
        var (upstreamBody, refusal) = UpstreamBody(body, request, candidate, operation);
        using var rewritten = upstreamBody;
        if (refusal is not null)
        {
            // The request cannot be said in this provider's dialect: the caller's to fix, like any other 400.
            attempts.Add(new AttemptRecord(endpoint.Key, "untranslatable"));
            await FailAsync(context, log, attempts, GatewayError.InvalidRequest(refusal), request.ClientFormat);
            return null;
        }
        using var exchange = await forwarder.SendAsync(endpoint, operation, rewritten?.Memory ?? body.Memory, request.Stream, context.RequestAborted);
        log.UpstreamFirstByteMicros = (long)exchange.HeadersElapsed.TotalMicroseconds;
        if (exchange.Error == ForwarderError.ClientAborted)
        {
            attempts.Add(new AttemptRecord(endpoint.Key, "client_closed"));
            ClientLeft(log);
            return null;
        }

        if (exchange.Error != ForwarderError.None)
        {
            attempts.Add(new AttemptRecord(endpoint.Key, exchange.Error.ToString()));
            endpointHealth.RecordFailure(exchange.Error.ToString(), quota: false);
            Log.UpstreamFailed(logger, provider.Name, endpoint.UpstreamModel, exchange.Error.ToString(), (long)exchange.HeadersElapsed.TotalMilliseconds);
            if (MayStillBeGenerated(exchange.Error, request))
            {
                // The provider has the request and most likely generates and bills it all the same: trying another
                // endpoint would pay for a second generation. This one is billed as if it ran to its max_tokens.
                ResponseRelay.SetCostHeaders(context.Response, await billing.SettleAtWorstCaseAsync(), billing.KnownBalance);
            }
            else if (!isLast)
            {
                return new AttemptResult(TimeSpan.Zero, RotateKey: false);
            }

            await FailAsync(context, log, attempts, ForwarderFailure(provider.Name, exchange.Error), request.ClientFormat);
            return null;
        }

        var status = (int)exchange.Response!.StatusCode;
        attempts.Add(new AttemptRecord(endpoint.Key, status.ToString(CultureInfo.InvariantCulture)));
        var verdict = RetryClassifier.Classify(status);
        if (verdict != UpstreamVerdict.Relay)
        {
            var retryAfter = exchange.Response.Headers.RetryAfter?.Delta;
            var keySpecific = status is 401 or 402 or 403 or 429;
            if (status == 429)
            {
                provider.RestRateLimited(exchange.Credential, retryAfter);
            }
            else if (keySpecific)
            {
                provider.RestRefused(exchange.Credential, _options.QuotaCoolDown);
            }

            // A key-specific refusal says little about the endpoint while the provider has another key to try.
            var rotate = keySpecific && provider.HasOtherReadyKey(exchange.Credential);
            endpointHealth.RecordFailure($"HTTP {status}", quota: verdict == UpstreamVerdict.RetryElsewhereCoolDown && !rotate);
            if (!isLast)
            {
                return new AttemptResult(retryAfter ?? TimeSpan.Zero, rotate);
            }
        }

        SetRoutingHeaders(context, provider.Name, attempts.Count);
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

    /// <summary>The body for this endpoint: the client's bytes (spliced where needed) for an OpenAI-format provider, a
    /// translation for any other; <see langword="null"/> when the client's bytes go as they are. Either way it carries
    /// the output limit the endpoint's hold covers (<see cref="EndpointQuote.MaxOutputTokens"/>).</summary>
    private static (PooledBuffer? Body, string? Refusal) UpstreamBody(
        PooledBuffer body, InspectedRequest request, EndpointQuote candidate, GatewayOperation operation)
    {
        var endpoint = candidate.Endpoint;
        var preset = endpoint.Provider.Preset;
        if (preset.WireFormat != WireFormat.OpenAi)
        {
            var translated = UpstreamRequests.Write(body, request, endpoint, operation, candidate.MaxOutputTokens);
            return (translated.Body, translated.Error);
        }

        var askForUsage = preset.StreamUsage == StreamUsageSupport.StreamOptions;
        var cap = UpstreamOutputCap.For(operation, endpoint.Provider, candidate.MaxOutputTokens);
        return (UpstreamBodyWriter.NeedsRewrite(request, endpoint.UpstreamModel, askForUsage, cap)
            ? UpstreamBodyWriter.Rewrite(body.Span, request, endpoint.UpstreamModel, askForUsage, cap)
            : null, null);
    }

    private async Task WaitAsync(int attempt, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var exponential = TimeSpan.FromTicks(_options.BackoffBase.Ticks * (1L << Math.Min(attempt - 1, 16)));
        // Full jitter on the upper half: spreads retries of many clients without ever waiting less than half.
        var jittered = TimeSpan.FromTicks((long)(exponential.Ticks * (0.5 + (random.NextDouble() * 0.5))));
        var delay = retryAfter is { } asked && asked > jittered ? asked : jittered;
        try
        {
            await Task.Delay(delay < _options.BackoffCap ? delay : _options.BackoffCap, timeProvider, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left during the wait: the caller sends nothing more.
        }
    }

    /// <summary>
    /// Whether a failed attempt may still be generating upstream. A non-streamed request whose answer did not come in
    /// time was sent whole, and providers finish (and bill) such a generation whether or not anyone waits for it. A
    /// connect error never reached the provider; a stream the gateway stops waiting for is closed, which stops it.
    /// </summary>
    private static bool MayStillBeGenerated(ForwarderError error, InspectedRequest request) =>
        !request.Stream && error is ForwarderError.FirstByteTimeout or ForwarderError.TotalTimeout;

    private static void SetRoutingHeaders(HttpContext context, string provider, int attempts)
    {
        context.Response.Headers["x-tollway-provider"] = provider;
        context.Response.Headers["x-tollway-attempts"] = attempts.ToString(CultureInfo.InvariantCulture);
    }

    private static GatewayError ForwarderFailure(string provider, ForwarderError error) => error switch
    {
        ForwarderError.ConnectFailed => GatewayError.UpstreamUnreachable(provider),
        ForwarderError.ConnectTimeout => GatewayError.UpstreamTimeout(provider, "connect"),
        ForwarderError.FirstByteTimeout => GatewayError.UpstreamTimeout(provider, "first byte"),
        ForwarderError.TotalTimeout => GatewayError.UpstreamTimeout(provider, "total"),
        _ => GatewayError.UpstreamFailed(provider, "the connection broke before a response."),
    };

    private static void ClientLeft(RequestLogBuilder log)
    {
        log.Status = 499;
        log.ErrorCode = "client_closed_request";
    }

    private static Task FailAsync(HttpContext context, RequestLogBuilder log, List<AttemptRecord> attempts, GatewayError error, WireFormat client)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            // Nobody is left to tell; what the failed attempt cost (if anything) is settled already.
            ClientLeft(log);
            return Task.CompletedTask;
        }

        SetRoutingHeaders(context, log.Provider ?? "", attempts.Count);
        log.Status = error.Status;
        log.ErrorCode = error.Code;
        return ClientErrors.WriteAsync(context, error, client);
    }
}
