using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Diagnostics;
using Tollway.Gateway.Platform.Server;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Upstream.Translation;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// Sends a provider's answer on to the client: streams event by event, JSON bodies whole (reading their usage), and
/// provider errors translated into the gateway's own error shape with the provider's secrets removed.
/// </summary>
internal sealed class ResponseRelay(ILogger<ResponseRelay> logger, IOptions<ServerOptions> options, TimeProvider timeProvider)
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>The largest non-streamed answer read (<c>server.maxUpstreamResponseBytes</c>).</summary>
    private readonly long _maxResponseBytes = options.Value.MaxUpstreamResponseBytes;

    public async Task<RelayOutcome> RelayAsync(
        HttpContext context, UpstreamExchange exchange, ModelEndpoint endpoint, InspectedRequest request, IResponseBilling billing)
    {
        var upstream = exchange.Response!;
        var status = (int)upstream.StatusCode;
        if (status is < 200 or > 299)
        {
            // A refused request is not billed by the provider, so it is not billed here either.
            billing.Void();
            return await RelayErrorAsync(context, exchange, endpoint, status, request.ClientFormat);
        }

        return request.Stream && upstream.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? await RelayStreamAsync(context, exchange, endpoint, request, billing)
            : await RelayBufferedAsync(context, exchange, endpoint, request, billing);
    }

    private async Task<RelayOutcome> RelayStreamAsync(
        HttpContext context, UpstreamExchange exchange, ModelEndpoint endpoint, InspectedRequest request, IResponseBilling billing)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // Tells nginx-style reverse proxies in front of the gateway not to buffer the stream either.
        response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            await response.StartAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client is already gone; the provider's stream is still read for its usage (StreamRelay).
        }

        var translation = ResponseTranslations.ForStream(request.ClientFormat, endpoint.Provider.Preset.WireFormat, timeProvider);
        // A translated stream always carries the usage chunk, which only the client may have asked for.
        var gatewayAskedForUsage = endpoint.Provider.Preset.StreamUsage == StreamUsageSupport.StreamOptions || translation?.Decoder is not null;
        var forwardUsageChunk = request.ClientWantsStreamUsage || !gatewayAskedForUsage;
        await using var upstreamBody = await exchange.Response!.Content.ReadAsStreamAsync(exchange.Token);
        var result = await StreamRelay.RelayAsync(
            upstreamBody, response, new StreamRelaySettings(forwardUsageChunk, exchange.Token, context.RequestAborted, billing, translation));
        if (result.ClientGone)
        {
            return new RelayOutcome(499, result.Usage, result.BytesSent, "client_closed_request");
        }

        if (result.Failure is { } failure)
        {
            Log.StreamBroken(logger, endpoint.Provider.Name, endpoint.UpstreamModel, failure);
            return new RelayOutcome(200, result.Usage, result.BytesSent, "stream_interrupted");
        }

        return new RelayOutcome(200, result.Usage, result.BytesSent, null);
    }

    private async Task<RelayOutcome> RelayBufferedAsync(
        HttpContext context, UpstreamExchange exchange, ModelEndpoint endpoint, InspectedRequest request, IResponseBilling billing)
    {
        var read = await ReadBodyAsync(exchange, _maxResponseBytes);
        using var body = read.Body;
        if (body is null)
        {
            await SettleUnreadAsync(context.Response, billing, usage: null);
            return await FailAsync(context, exchange, endpoint, request.ClientFormat, read.TooLarge ? _maxResponseBytes : null);
        }

        // OpenAI to OpenAI keeps the provider's bytes; any other pair reads (and bills) the answer in OpenAI's shape,
        // except an Anthropic answer to an Anthropic client, which is read as it is.
        var upstreamFormat = endpoint.Provider.Preset.WireFormat;
        var passThrough = ResponseTranslations.IsPassThrough(request.ClientFormat, upstreamFormat);
        ReadOnlyMemory<byte> answer, forClient;
        try
        {
            answer = passThrough ? body.Memory
                : ResponseTranslations.Decode(upstreamFormat, body.Memory, timeProvider.GetUtcNow().ToUnixTimeSeconds(), endpoint.UpstreamModel);
            forClient = passThrough ? answer : ResponseTranslations.Encode(request.ClientFormat, answer);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed JSON, or a string that is not text (invalid UTF-8, an escaped lone surrogate): nothing to translate,
            // but a generation all the same, billed on its usage if that much of it can be read.
            await SettleUnreadAsync(context.Response, billing, ResponseTranslations.ReadUsage(upstreamFormat, body.Span));
            return await FailAsync(context, exchange, endpoint, request.ClientFormat);
        }

        var (usage, charge) = await SettleAnswerAsync(billing, answer, passThrough ? upstreamFormat : WireFormat.OpenAi);
        var response = context.Response;
        if (context.RequestAborted.IsCancellationRequested)
        {
            // The client left while the answer came; it is billed all the same, as the provider bills it.
            return new RelayOutcome(499, usage, 0, "client_closed_request");
        }

        SetCostHeaders(response, charge, billing.KnownBalance);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = upstreamFormat == WireFormat.OpenAi
            ? exchange.Response!.Content.Headers.ContentType?.ToString() ?? "application/json"
            : "application/json";
        var length = WriteAnswer(response, forClient.Span, endpoint.Provider.Name, charge);
        try
        {
            await response.BodyWriter.FlushAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return new RelayOutcome(499, usage, 0, "client_closed_request");
        }

        return new RelayOutcome(200, usage, length, null);
    }

    /// <summary>Settles a whole answer on its usage, or on the text it carries where it reports none. The charge is
    /// durable before the answer leaves: a crash after this point cannot lose a request the client got.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<(TokenUsage? Usage, ChargeRecord? Charge)> SettleAnswerAsync(
        IResponseBilling billing, ReadOnlyMemory<byte> answer, WireFormat format)
    {
        var usage = ResponseTranslations.ReadUsage(format, answer.Span);
        DeltaTextCollector? generated = null;
        if (usage is null)
        {
            generated = new DeltaTextCollector();
            generated.Add(answer.Span);
        }

        return (usage, await billing.SettleAsync(usage, generated, streamed: false));
    }

    /// <summary>
    /// A 200 that could not be used: cut by the total timeout, broken off, past <c>server.maxUpstreamResponseBytes</c>, or
    /// not JSON the gateway can translate. The provider generated it and bills the operator for it all the same, so it is
    /// billed as a timeout is: on the provider's usage when that could be read, else at its worst case at this endpoint
    /// (never more than the hold), the only bound that is never low. It is not tried again: a retry would pay for a
    /// second generation.
    /// </summary>
    private static async Task SettleUnreadAsync(HttpResponse response, IResponseBilling billing, TokenUsage? usage)
    {
        var charge = usage is null
            ? await billing.SettleAtWorstCaseAsync()
            : await billing.SettleAsync(usage, generated: null, streamed: false);
        SetCostHeaders(response, charge, billing.KnownBalance);
    }

    /// <summary>The cost of the request and the balance left, on an answer that is not a stream (none without a charge).</summary>
    public static void SetCostHeaders(HttpResponse response, ChargeRecord? charge, long knownBalance)
    {
        if (charge is null)
        {
            return;
        }

        response.Headers["x-tollway-cost"] = UsdAmount.FormatUsd(charge.Total);
        response.Headers["x-tollway-balance"] = UsdAmount.FormatUsd(Math.Max(knownBalance, 0));
    }

    private async Task<RelayOutcome> RelayErrorAsync(HttpContext context, UpstreamExchange exchange, ModelEndpoint endpoint, int status, WireFormat client)
    {
        var provider = endpoint.Provider;
        Log.UpstreamRejected(logger, provider.Name, status, endpoint.UpstreamModel);
        if (context.RequestAborted.IsCancellationRequested)
        {
            // The client left while the provider answered: nobody is left to tell.
            return new RelayOutcome(499, null, 0, "client_closed_request");
        }

        using var body = (await ReadBodyAsync(exchange, MaxErrorBodyBytes)).Body;
        var (message, type, code, param) = body is null ? default : UpstreamErrorReader.Read(body.Span);
        var detail = message is null ? $"HTTP {status}" : provider.Redact(message);
        var error = status switch
        {
            // The provider refusing the gateway's own key or credit is the operator's problem, not the caller's:
            // passing a 401 on would make the client believe its Tollway key is wrong.
            401 or 402 or 403 => new GatewayError(502, "server_error", "upstream_auth_error",
                $"The provider '{provider.Name}' refused the gateway's credentials or account (HTTP {status})."),
            >= 400 and < 500 => new GatewayError(status, type ?? "invalid_request_error", code, detail, param),
            _ => GatewayError.UpstreamFailed(provider.Name, $"HTTP {status}: {detail}"),
        };

        if (status == StatusCodes.Status429TooManyRequests && exchange.Response!.Headers.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString();
        }

        await ClientErrors.WriteAsync(context, error, client);
        return new RelayOutcome(error.Status, null, 0, error.Code);
    }

    /// <param name="context">The request.</param>
    /// <param name="exchange">The upstream exchange whose answer could not be used.</param>
    /// <param name="endpoint">Where it went.</param>
    /// <param name="client">The client's API, for the error's shape.</param>
    /// <param name="tooLargeOver">The limit the answer passed, when that is why it failed.</param>
    private static async Task<RelayOutcome> FailAsync(
        HttpContext context, UpstreamExchange exchange, ModelEndpoint endpoint, WireFormat client, long? tooLargeOver = null)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return new RelayOutcome(499, null, 0, "client_closed_request");
        }

        var error = tooLargeOver is { } limit ? GatewayError.UpstreamResponseTooLarge(endpoint.Provider.Name, limit)
            : exchange.TotalTimeoutExpired ? GatewayError.UpstreamTimeout(endpoint.Provider.Name, "total")
            : GatewayError.UpstreamFailed(endpoint.Provider.Name, "the response broke off or could not be read.");
        await ClientErrors.WriteAsync(context, error, client);
        return new RelayOutcome(error.Status, null, 0, error.Code);
    }

    /// <summary>
    /// Writes the answer into the response's pipe with the provider's name at the top and the cost in the usage object,
    /// spliced in as it is copied: the one copy of the body that any answer needs, and no other.
    /// </summary>
    private static int WriteAnswer(HttpResponse response, ReadOnlySpan<byte> answer, string provider, ChargeRecord? charge)
    {
        var providerField = ProviderFieldWriter.Insertion(answer, provider);
        var cost = charge is null ? null : UsageCostWriter.Insertion(answer, ChargeCost.Of(charge));
        ReadOnlySpan<JsonInsertion> insertions = (providerField, cost) switch
        {
            ({ } p, { } c) => [p, c],
            ({ } p, null) => [p],
            (null, { } c) => [c],
            _ => [],
        };
        var length = JsonInsertions.LengthWith(answer, insertions);
        response.ContentLength = length;
        JsonInsertions.WriteTo(response.BodyWriter, answer, insertions);
        return length;
    }

    /// <summary>Reads the whole upstream body, or <see langword="null"/> when it breaks, times out or is too large (and
    /// which of these: a length declared over the limit is refused before a byte is read).</summary>
    private static async Task<(PooledBuffer? Body, bool TooLarge)> ReadBodyAsync(UpstreamExchange exchange, long limit)
    {
        var content = exchange.Response!.Content;
        if (content.Headers.ContentLength > limit)
        {
            return (null, true);
        }

        try
        {
            await using var stream = await content.ReadAsStreamAsync(exchange.Token);
            var body = await PooledBuffer.ReadAllAsync(stream, content.Headers.ContentLength, limit, readSize: 8192, exchange.Token);
            return (body, body is null);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
        {
            return (null, false);
        }
    }
}
