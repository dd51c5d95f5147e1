using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Billing;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Keys;
using Tollway.Gateway.Providers;
using Tollway.Gateway.RequestLog;
using Tollway.Gateway.Server;
using Tollway.Gateway.Translation.Anthropic;
using Tollway.Gateway.Wire;
using Tollway.Gateway.X402;

namespace Tollway.Gateway.Proxy;

/// <summary>
/// The request path for <c>/v1/chat/completions</c>, <c>/v1/completions</c> and <c>/v1/embeddings</c>: authenticate,
/// read the body once, check it, resolve the model, forward, relay, and leave one metadata row for the request log.
/// Everything the gateway refuses is refused before any upstream call.
/// </summary>
internal sealed class ProxyHandler(
    ApiKeyAuthenticator authenticator,
    AttemptRunner attempts,
    RoutePlanner planner,
    BillingGate billingGate,
    RequestLogInbox requestLog,
    IX402Payments payments,
    IOptions<ServerOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>Who a request without a key is planned as: any model, no limits, no account until it has paid.</summary>
    private static readonly ApiKeyRecord Payer = new("x402", "", "x402", default, "", ApiKeyRole.Inference, null, DateTimeOffset.UnixEpoch);

    private readonly long _maxBodyBytes = options.Value.MaxRequestBodyBytes;

    /// <param name="context">The request.</param>
    /// <param name="operation">What it asks for.</param>
    /// <param name="client">The API it speaks: an Anthropic Messages request is read as the equivalent chat completion,
    /// and answered (errors included) in Anthropic's shapes.</param>
    public async Task HandleAsync(HttpContext context, GatewayOperation operation, WireFormat client = WireFormat.OpenAi)
    {
        var (log, started) = StartLog(context, operation);
        try
        {
            await HandleCoreAsync(context, operation, client, log);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left while its body was read or its hold waited for the database: nothing was sent upstream,
            // and nobody is left to answer.
            log.Status = 499;
            log.ErrorCode = "client_closed_request";
        }
        finally
        {
            requestLog.TryEnqueue(log.Build(ElapsedMicros(started)));
        }
    }

    /// <summary>
    /// Refuses a request before anything of it is read (the load shedder's 503), with its id and its request log row
    /// as every request has.
    /// </summary>
    public async Task RefuseAsync(HttpContext context, GatewayOperation operation, GatewayError error, WireFormat client)
    {
        var (log, started) = StartLog(context, operation);
        try
        {
            await FailAsync(context, log, error, client);
        }
        finally
        {
            requestLog.TryEnqueue(log.Build(ElapsedMicros(started)));
        }
    }

    private (RequestLogBuilder Log, long Started) StartLog(HttpContext context, GatewayOperation operation)
    {
        var started = timeProvider.GetTimestamp();
        var now = timeProvider.GetUtcNow();
        var log = new RequestLogBuilder(RequestIds.New(now), now, operation);
        context.Response.Headers["X-Request-Id"] = log.Id;
        return (log, started);
    }

    private async Task HandleCoreAsync(HttpContext context, GatewayOperation operation, WireFormat client, RequestLogBuilder log)
    {
        var auth = authenticator.Authenticate(context.Request);
        // No key at all, with x402 on: the request is planned as anyone's and paid for on the spot (see X402Gate).
        var paying = auth.Status == ApiKeyAuthenticationStatus.Missing && payments.Enabled;
        var key = auth.Key;
        if (key is null && !paying)
        {
            await FailAsync(context, log, GatewayError.ForAuthentication(auth.Status), client);
            return;
        }

        key ??= Payer;

        log.AccountId = key.AccountId;
        log.KeyId = key.Id;
        var read = await RequestBodyReader.ReadAsync(context.Request, _maxBodyBytes, context.RequestAborted);
        using var received = read.Body;
        if (received is null)
        {
            // The rest of the body is never read, so the connection cannot carry another request: say so, rather than
            // let a client's pool reuse it and see its next request cut off.
            context.Response.Headers.Connection = "close";
            await FailAsync(context, log, read.Error!, client);
            return;
        }

        log.RequestBytes = received.Length;
        var messages = client == WireFormat.Anthropic ? MessagesRequestReader.Read(received.Memory) : null;
        using var chat = messages?.ChatBody;
        if (messages is { Error: { } messagesError })
        {
            await FailAsync(context, log, GatewayError.InvalidRequest(messagesError, messages.Param), client);
            return;
        }

        // From here on an Anthropic request is its chat completion: routed, priced and held exactly as one.
        var body = chat ?? received;
        var inspection = RequestInspector.Inspect(body.Span, operation);
        if (inspection.Request is not { } request)
        {
            await FailAsync(context, log, GatewayError.InvalidRequest(inspection.Error!, inspection.Param, inspection.Code), client);
            return;
        }

        if (messages is { FeatureRefusal: { } unbillable })
        {
            await FailAsync(context, log, unbillable, client);
            return;
        }

        if (messages is not null)
        {
            request.ClientFormat = WireFormat.Anthropic;
            request.NativeBody = received.Memory;
            request.NativeModelValue = messages.ModelValue;
            request.NativeMaxTokensValue = messages.MaxTokensValue;
            request.ThinkingBudget = messages.ThinkingBudget;
            request.MaxOutputTokens = messages.MaxTokens;
            request.Features = messages.Features;
        }
        else if (operation == GatewayOperation.ChatCompletions)
        {
            request.Features = request.Features with { CacheWrites1h = CacheLifetimes.AsksForLongCacheWrites(body.Span) };
        }

        log.Model = request.Model;
        log.Stream = request.Stream;
        var (plan, refusal) = planner.Plan(request, body.Span, key, operation);
        if (plan is null)
        {
            await FailAsync(context, log, refusal!, client);
            return;
        }

        var admission = paying
            ? await payments.AdmitAsync(context, plan, request, body.Memory, operation, log)
            : await billingGate.AdmitAsync(key, plan, request, body.Memory, operation, log.Id, context.RequestAborted);
        if (admission is null)
        {
            return;
        }

        if (admission.Refusal is { } billingRefusal)
        {
            await FailAsync(context, log, billingRefusal, client);
            return;
        }

        try
        {
            await attempts.RunAsync(context, operation, body, request, admission.Billing!, log);
        }
        finally
        {
            admission.Finish();
        }
    }

    private static Task FailAsync(HttpContext context, RequestLogBuilder log, GatewayError error, WireFormat client)
    {
        log.Status = error.Status;
        log.ErrorCode = error.Code;
        return ClientErrors.WriteAsync(context, error, client);
    }

    private long ElapsedMicros(long started) => (long)timeProvider.GetElapsedTime(started).TotalMicroseconds;
}
