using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Billing;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Configuration;
using Tollway.Gateway.Diagnostics;
using Tollway.Gateway.Keys;
using Tollway.Gateway.OpenAi;
using Tollway.Gateway.Providers;
using Tollway.Gateway.RequestLog;

namespace Tollway.Gateway.Proxy;

/// <summary>
/// The request path for <c>/v1/chat/completions</c>, <c>/v1/completions</c> and <c>/v1/embeddings</c>: authenticate,
/// read the body once, check it, resolve the model, forward, relay, and leave one metadata row for the request log.
/// Everything the gateway refuses is refused before any upstream call.
/// </summary>
internal sealed class ProxyHandler(
    ApiKeyAuthenticator authenticator,
    CatalogState catalog,
    UpstreamForwarder forwarder,
    ResponseRelay relay,
    BillingGate billingGate,
    RequestLogInbox requestLog,
    IOptions<TollwayOptions> options,
    TimeProvider timeProvider,
    ILogger<ProxyHandler> logger)
{
    private readonly long _maxBodyBytes = options.Value.Server.MaxRequestBodyBytes;

    public async Task HandleAsync(HttpContext context, GatewayOperation operation)
    {
        var started = timeProvider.GetTimestamp();
        var log = new RequestLogBuilder(RequestIds.New(), timeProvider.GetUtcNow(), operation);
        context.Response.Headers["X-Request-Id"] = log.Id;
        try
        {
            await HandleCoreAsync(context, operation, log);
        }
        finally
        {
            requestLog.TryEnqueue(log.Build(ElapsedMicros(started)));
        }
    }

    private async Task HandleCoreAsync(HttpContext context, GatewayOperation operation, RequestLogBuilder log)
    {
        var auth = authenticator.Authenticate(context.Request);
        if (auth.Key is not { } key)
        {
            await FailAsync(context, log, OpenAiError.ForAuthentication(auth.Status));
            return;
        }

        log.AccountId = key.AccountId;
        log.KeyId = key.Id;
        using var body = await ReadBodyAsync(context);
        if (body is null)
        {
            await FailAsync(context, log, OpenAiError.BodyTooLarge(_maxBodyBytes));
            return;
        }

        log.RequestBytes = body.Length;
        var inspection = RequestInspector.Inspect(body.Span, operation);
        if (inspection.Request is not { } request)
        {
            await FailAsync(context, log, OpenAiError.InvalidRequest(inspection.Error!, inspection.Param));
            return;
        }

        log.Model = request.Model;
        log.Stream = request.Stream;
        if (Resolve(request, operation, key, out var model) is { } refusal)
        {
            await FailAsync(context, log, refusal);
            return;
        }

        var endpoint = model.Primary;
        var promptTokens = billingGate.EstimatePrompt(body.Span, operation, endpoint);
        var admission = await billingGate.AdmitAsync(key, model, endpoint, request, promptTokens, log.Id, context.RequestAborted);
        if (admission.Refusal is { } billingRefusal)
        {
            await FailAsync(context, log, billingRefusal);
            return;
        }

        try
        {
            await ForwardAsync(context, operation, body, request, endpoint, admission.Billing!, log);
        }
        finally
        {
            admission.Finish();
        }
    }

    private async Task ForwardAsync(
        HttpContext context, GatewayOperation operation, PooledBuffer body, InspectedRequest request, ModelEndpoint endpoint, RequestBilling billing, RequestLogBuilder log)
    {
        var provider = endpoint.Provider;
        log.Provider = provider.Name;
        log.UpstreamModel = endpoint.UpstreamModel;
        var askForUsage = provider.Preset.StreamUsage == StreamUsageSupport.StreamOptions;
        using var rewritten = UpstreamBodyWriter.NeedsRewrite(request, endpoint.UpstreamModel, askForUsage)
            ? UpstreamBodyWriter.Rewrite(body.Span, request, endpoint.UpstreamModel, askForUsage)
            : null;
        var upstreamBody = rewritten?.Memory ?? body.Memory;

        using var exchange = await forwarder.SendAsync(endpoint, operation, upstreamBody, request.Stream, context.RequestAborted);
        log.UpstreamFirstByteMicros = (long)exchange.HeadersElapsed.TotalMicroseconds;
        if (exchange.Error != ForwarderError.None)
        {
            await FailUpstreamAsync(context, log, endpoint, exchange);
            return;
        }

        var outcome = await relay.RelayAsync(context, exchange, endpoint, request, billing);
        log.Status = outcome.Status;
        log.ErrorCode = outcome.ErrorCode;
        log.Usage = outcome.Usage;
        log.ResponseBytes = outcome.ResponseBytes;
    }

    private async Task<PooledBuffer?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await RequestBodyReader.ReadAsync(context.Request, _maxBodyBytes, context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    /// <summary>Finds the model and checks that this key may use it for this operation; the error when not.</summary>
    private OpenAiError? Resolve(InspectedRequest request, GatewayOperation operation, ApiKeyRecord key, out CatalogModel model)
    {
        if (!catalog.Current.TryFind(request.Model!, out model!))
        {
            return OpenAiError.ModelNotFound(request.Model!);
        }

        if (!key.Allows(model.Id))
        {
            return OpenAiError.ModelNotAllowed(model.Id);
        }

        var wantsEmbedding = operation == GatewayOperation.Embeddings;
        if (wantsEmbedding != (model.Kind == ModelKind.Embedding))
        {
            var what = wantsEmbedding ? "an embedding model" : "a chat model";
            return OpenAiError.InvalidRequest($"The model '{model.Id}' is not {what}.", "model", "model_not_supported");
        }

        if (!model.Primary.Provider.Supports(operation))
        {
            return OpenAiError.InvalidRequest(
                $"The model '{model.Id}' is served by a provider without /{operation.PathSegment()}.", "model", "operation_not_supported");
        }

        return null;
    }

    private async Task FailUpstreamAsync(HttpContext context, RequestLogBuilder log, ModelEndpoint endpoint, UpstreamExchange exchange)
    {
        var provider = endpoint.Provider.Name;
        if (exchange.Error == ForwarderError.ClientAborted)
        {
            log.Status = 499;
            log.ErrorCode = "client_closed_request";
            return;
        }

        Log.UpstreamFailed(logger, provider, endpoint.UpstreamModel, exchange.Error.ToString(), log.UpstreamFirstByteMicros.GetValueOrDefault() / 1000);
        var error = exchange.Error switch
        {
            ForwarderError.ConnectFailed => OpenAiError.UpstreamUnreachable(provider),
            ForwarderError.ConnectTimeout => OpenAiError.UpstreamTimeout(provider, "connect"),
            ForwarderError.FirstByteTimeout => OpenAiError.UpstreamTimeout(provider, "first byte"),
            ForwarderError.TotalTimeout => OpenAiError.UpstreamTimeout(provider, "total"),
            _ => OpenAiError.UpstreamFailed(provider, "the connection broke before a response."),
        };
        await FailAsync(context, log, error);
    }

    private static Task FailAsync(HttpContext context, RequestLogBuilder log, OpenAiError error)
    {
        log.Status = error.Status;
        log.ErrorCode = error.Code;
        return OpenAiErrorWriter.WriteAsync(context, error);
    }

    private long ElapsedMicros(long started) => (long)timeProvider.GetElapsedTime(started).TotalMicroseconds;
}
