using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Pipeline.RequestLog;
using Tollway.Gateway.Platform.Diagnostics;
using Tollway.Gateway.Platform.Telemetry;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Upstream.Routing;
using Tollway.Gateway.Upstream.Translation;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>
/// Forward with attempts: sends a request to its candidate endpoints in the planned order until one answers, and
/// relays that answer (<see cref="ResponseRelay"/>, which settles its charge). A failure before anything went to the
/// client (connect error, timeout, 408/429/5xx/529, or a provider refusing the gateway's key) moves on to the next
/// endpoint, or back to one already tried after an exponential, jittered wait that honours <c>Retry-After</c> within a
/// cap; the caller's own mistakes (400, 404, 422…) are relayed at once. Once the first byte has gone to the client
/// nothing is retried: a broken stream ends with an error event. A non-streamed request that timed out after it was
/// sent is not retried either: it is billed as the generation the provider most likely ran. A client that leaves gets no
/// new attempt: an attempt already sent runs on to its answer, which is billed as the provider bills it, and nothing
/// else is sent. Every attempt feeds the endpoint's health.
/// </summary>
internal sealed class AttemptRunner(
    UpstreamForwarder forwarder,
    ResponseRelay relay,
    EndpointHealthRegistry health,
    RoutingRandom random,
    AttemptMetrics metrics,
    IOptions<RoutingOptions> options,
    TimeProvider timeProvider,
    ILogger<AttemptRunner> logger)
{
    private readonly RoutingOptions _options = options.Value;

    /// <summary>Runs the attempts; the error to answer when the request failed for good, else it is answered (or its
    /// client left).</summary>
    public async Task<StageResult> RunAsync(GatewayRequest request)
    {
        var records = new List<AttemptRecord>();
        var started = timeProvider.GetTimestamp();
        var billing = request.Admission!.Billing!;
        var candidates = billing.Candidates;
        var maxAttempts = Math.Max(_options.MaxAttempts, 1);
        var next = 0;
        var result = AttemptResult.Answered;
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            // Another key of the same provider is tried at once; a fresh endpoint too; an endpoint already tried after a wait.
            if (attempt > 0 && !result.RotateKey && next >= candidates.Count)
            {
                await WaitAsync(attempt, result.RetryAfter, request.Aborted);
            }

            // Nothing more is sent for a client that is gone: neither a request that has not gone out yet, nor a retry or
            // a failover of one that failed (an attempt already sent runs on without it, see UpstreamForwarder).
            if (request.Aborted.IsCancellationRequested)
            {
                ClientLeft(request.Log);
                result = AttemptResult.Answered;
                break;
            }

            var candidate = candidates[next % candidates.Count];
            request.Log.Provider = candidate.Endpoint.Provider.Name;
            request.Log.UpstreamModel = candidate.Endpoint.UpstreamModel;
            var isLast = attempt + 1 >= maxAttempts || timeProvider.GetElapsedTime(started) >= _options.TotalDeadline;
            if (records.Count > 0)
            {
                metrics.Moved(billing.Current.Endpoint, records[^1].Outcome, candidate.Endpoint);
            }

            billing.UseEndpoint(candidate);
            var sent = timeProvider.GetTimestamp();
            using (var span = AttemptSpans.Start(request, candidate, attempt + 1))
            {
                result = await TryOnceAsync(request, new UpstreamAttempt(candidate, health.For(candidate.Endpoint), records, isLast));
                AttemptSpans.End(span, records, result);
            }

            request.UpstreamElapsed += timeProvider.GetElapsedTime(sent);
            metrics.Ended(request, candidate, timeProvider.GetElapsedTime(sent), records[^1].Outcome);
            if (result.Finished)
            {
                break;
            }

            if (!result.RotateKey)
            {
                next++;
            }
        }

        request.Log.Attempts = AttemptRecord.Join(records);
        return result.Failure is { } failure ? StageResult.Fail(failure) : StageResult.Continue;
    }

    /// <summary>One attempt: finished (answered, or failed for good), or how to go on.</summary>
    private async Task<AttemptResult> TryOnceAsync(GatewayRequest request, UpstreamAttempt attempt)
    {
        var endpoint = attempt.Candidate.Endpoint;
        attempt.Health.TryAcquire();
        var (upstreamBody, refusal) = UpstreamBody(request, attempt.Candidate);
        using var rewritten = upstreamBody;
        if (refusal is not null)
        {
            // The request cannot be said in this provider's dialect: the caller's to fix, like any other 400.
            attempt.Records.Add(new AttemptRecord(endpoint.Key, "untranslatable"));
            metrics.Attempt(endpoint, "untranslatable");
            return Fail(request, attempt, GatewayError.InvalidRequest(refusal));
        }

        var body = rewritten?.Memory ?? request.Body.Memory;
        using var exchange = await forwarder.SendAsync(endpoint, request.Operation, body, request.Inspected!.Stream, request.Aborted);
        request.Log.UpstreamFirstByteMicros = (long)exchange.HeadersElapsed.TotalMicroseconds;
        if (exchange.Error == ForwarderError.ClientAborted)
        {
            attempt.Records.Add(new AttemptRecord(endpoint.Key, "client_closed"));
            metrics.Attempt(endpoint, "client_closed");
            ClientLeft(request.Log);
            return AttemptResult.Answered;
        }

        if (exchange.Error != ForwarderError.None)
        {
            return await NoResponseAsync(request, attempt, exchange.Error, exchange.HeadersElapsed);
        }

        var status = (int)exchange.Response!.StatusCode;
        attempt.Records.Add(new AttemptRecord(endpoint.Key, status.ToString(CultureInfo.InvariantCulture)));
        metrics.Attempt(endpoint, MetricLabels.Status(status));
        metrics.FirstByte(EndpointLabels.Of(request.Operation, attempt.Candidate), exchange.HeadersElapsed);
        var verdict = RetryClassifier.Classify(status);
        if (verdict != UpstreamVerdict.Relay && Refused(attempt, exchange) is { } goOn)
        {
            return goOn;
        }

        await RelayAsync(request, attempt, exchange, verdict);
        return AttemptResult.Answered;
    }

    /// <summary>An attempt that got no response: the next one, unless it was the last or the provider may still be
    /// generating it (then it is billed at its worst case, and the request fails).</summary>
    private async Task<AttemptResult> NoResponseAsync(GatewayRequest request, UpstreamAttempt attempt, ForwarderError error, TimeSpan elapsed)
    {
        var endpoint = attempt.Candidate.Endpoint;
        var provider = endpoint.Provider;
        attempt.Records.Add(new AttemptRecord(endpoint.Key, error.ToString()));
        metrics.Attempt(endpoint, RetryReasons.Name(error));
        attempt.Health.RecordFailure(error.ToString(), quota: false);
        Log.UpstreamFailed(logger, provider.Name, endpoint.UpstreamModel, error.ToString(), (long)elapsed.TotalMilliseconds);
        if (MayStillBeGenerated(error, request.Inspected!))
        {
            // The provider has the request and most likely generates and bills it all the same: trying another
            // endpoint would pay for a second generation. This one is billed as if it ran to its max_tokens.
            var billing = request.Admission!.Billing!;
            ResponseRelay.SetCostHeaders(request.Http.Response, await billing.SettleAtWorstCaseAsync(), billing.KnownBalance);
        }
        else if (!attempt.IsLast)
        {
            return new AttemptResult(TimeSpan.Zero, RotateKey: false);
        }

        return Fail(request, attempt, ForwarderFailure(provider.Name, error));
    }

    /// <summary>A response the gateway does not relay (a key refused, rate limited, an endpoint failing): how to go on, or
    /// <see langword="null"/> on the last attempt, whose response is relayed as it is.</summary>
    private AttemptResult? Refused(UpstreamAttempt attempt, UpstreamExchange exchange)
    {
        var rotate = UpstreamRefusals.Record(exchange, attempt.Candidate.Endpoint.Provider, attempt.Health, _options.QuotaCoolDown);
        return attempt.IsLast ? null : new AttemptResult(exchange.Response!.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, rotate);
    }

    /// <summary>Relays the response (and settles its charge); a success feeds the endpoint's health with its speed.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RelayAsync(GatewayRequest request, UpstreamAttempt attempt, UpstreamExchange exchange, UpstreamVerdict verdict)
    {
        var endpoint = attempt.Candidate.Endpoint;
        SetRoutingHeaders(request.Http, endpoint.Provider.Name, attempt.Records.Count);
        using var span = AttemptSpans.StartRelay(request);
        var outcome = await relay.RelayAsync(request.Http, exchange, endpoint, request.Inspected!, request.Admission!.Billing!);
        AttemptSpans.Relayed(span, outcome);
        if (verdict == UpstreamVerdict.Relay && (int)exchange.Response!.StatusCode is >= 200 and < 300 && outcome.Status == 200)
        {
            var elapsed = timeProvider.GetElapsedTime(exchange.Started);
            var generating = elapsed - exchange.HeadersElapsed;
            double? speed = outcome.Usage is { CompletionTokens: > 0 } usage && generating > TimeSpan.Zero
                ? usage.CompletionTokens / generating.TotalSeconds
                : null;
            attempt.Health.RecordSuccess(exchange.HeadersElapsed, speed);
        }

        var log = request.Log;
        log.Status = outcome.Status;
        log.ErrorCode = outcome.ErrorCode;
        log.Usage = outcome.Usage;
        log.ResponseBytes = outcome.ResponseBytes;
    }

    /// <summary>The body for this endpoint: the client's bytes (spliced where needed) for an OpenAI-format provider, a
    /// translation for any other; <see langword="null"/> when the client's bytes go as they are. Either way it carries
    /// the output limit the endpoint's hold covers (<see cref="EndpointQuote.MaxOutputTokens"/>).</summary>
    private static (PooledBuffer? Body, string? Refusal) UpstreamBody(GatewayRequest request, EndpointQuote candidate)
    {
        var endpoint = candidate.Endpoint;
        var preset = endpoint.Provider.Preset;
        var inspected = request.Inspected!;
        if (preset.WireFormat != WireFormat.OpenAi)
        {
            var translated = UpstreamRequests.Write(request.Body, inspected, endpoint, request.Operation, candidate.MaxOutputTokens);
            return (translated.Body, translated.Error);
        }

        var askForUsage = preset.StreamUsage == StreamUsageSupport.StreamOptions;
        var cap = UpstreamOutputCap.For(request.Operation, endpoint.Provider, candidate.MaxOutputTokens);
        return (UpstreamBodyWriter.NeedsRewrite(inspected, endpoint.UpstreamModel, askForUsage, cap)
            ? UpstreamBodyWriter.Rewrite(request.Body.Span, inspected, endpoint.UpstreamModel, askForUsage, cap)
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

    /// <summary>Ends the request with an error for the pipeline to answer, with the routing headers of its attempts;
    /// nothing is answered to a client that has left (what the failed attempt cost, if anything, is settled already).</summary>
    private static AttemptResult Fail(GatewayRequest request, UpstreamAttempt attempt, GatewayError error)
    {
        if (request.Aborted.IsCancellationRequested)
        {
            ClientLeft(request.Log);
            return AttemptResult.Answered;
        }

        SetRoutingHeaders(request.Http, request.Log.Provider ?? "", attempt.Records.Count);
        return AttemptResult.Failed(error);
    }
}
