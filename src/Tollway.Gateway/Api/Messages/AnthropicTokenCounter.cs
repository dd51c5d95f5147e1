using System.Text.Json;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Platform.Diagnostics;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Upstream.Routing;
using Tollway.Gateway.Upstream.Translation;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Api.Messages;

/// <summary>
/// Asks an Anthropic provider's own <c>POST /v1/messages/count_tokens</c> (free, and exact for Claude, where the
/// gateway's own count is only an upper bound) with the client's body, only the model id replaced, through the
/// <see cref="UpstreamForwarder"/> like any call upstream: one of the provider's keys, and within its timeouts (never
/// longer than <see cref="Timeout"/>). Any failure — a refusal, an error status, no answer in time, an unreadable body —
/// is logged (without the provider's text) and yields <see langword="null"/>, and the caller answers with its own count.
/// </summary>
/// <remarks>
/// What a count tells about the endpoint is recorded as a generation attempt's would be: a failure to answer (a
/// connection error, a timeout, 408/429/5xx/529) counts against the endpoint's health, and a key refused or rate limited
/// (401/402/403/429) rests that key so the next call uses another. A count that succeeds is not recorded: its timing is
/// not a generation's and would skew routing by latency.
/// </remarks>
internal sealed class AnthropicTokenCounter(
    UpstreamForwarder forwarder, EndpointHealthRegistry health, IOptions<RoutingOptions> options, ILogger<AnthropicTokenCounter> logger)
{
    /// <summary>A count is a convenience: it must never hold a client up the way a generation may.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private const int MaxAnswerBytes = 4096;

    private readonly TimeSpan _quotaCoolDown = options.Value.QuotaCoolDown;

    public async Task<int?> TryCountAsync(ModelEndpoint endpoint, ReadOnlyMemory<byte> body, Range modelValue, CancellationToken clientAborted)
    {
        var provider = endpoint.Provider;
        using var spliced = ModelSplice.Apply(body.Span, modelValue, endpoint.UpstreamModel);
        var call = new UpstreamCall(provider, new Uri(provider.BaseUri, "messages/count_tokens"), spliced.Memory, Stream: false, Bounded(provider.Timeouts));
        using var exchange = await forwarder.SendAsync(call, clientAborted);
        if (exchange.Error != ForwarderError.None)
        {
            NoAnswer(endpoint, exchange.Error);
            return null;
        }

        var response = exchange.Response!;
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxAnswerBytes)
        {
            Refused(endpoint, exchange);
            Log.TokenCountFellBack(logger, provider.Name, endpoint.UpstreamModel, $"HTTP {(int)response.StatusCode}");
            return null;
        }

        var tokens = await ReadCountAsync(endpoint, exchange);
        if (tokens is null)
        {
            Log.TokenCountFellBack(logger, provider.Name, endpoint.UpstreamModel, "not a count");
        }

        return tokens;
    }

    /// <summary><c>{"input_tokens": N}</c>, or <see langword="null"/> when the answer is not that.</summary>
    internal static int? ReadInputTokens(ReadOnlySpan<byte> answer)
    {
        try
        {
            var reader = new Utf8JsonReader(answer);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCount = reader.ValueTextEquals("input_tokens"u8);
                reader.Read();
                if (isCount)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var tokens) && tokens >= 0 ? tokens : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Fall through: not a count.
        }

        return null;
    }

    /// <summary>The answer's count, read to the limit and no further (a chunked answer declares no length); <see langword="null"/>
    /// when it is not a count, or did not come whole in time.</summary>
    private async Task<int?> ReadCountAsync(ModelEndpoint endpoint, UpstreamExchange exchange)
    {
        var content = exchange.Response!.Content;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(exchange.Token);
            using var answer = await PooledBuffer.ReadAllAsync(stream, content.Headers.ContentLength, MaxAnswerBytes, readSize: 1024, exchange.Token);
            return answer is null ? null : ReadInputTokens(answer.Span);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            // Only the call's total timeout cancels a read once the request is out (UpstreamForwarder).
            Log.TokenCountFellBack(logger, endpoint.Provider.Name, endpoint.UpstreamModel, ex is OperationCanceledException ? "timeout" : "connection failed");
            return null;
        }
    }

    private void NoAnswer(ModelEndpoint endpoint, ForwarderError error)
    {
        // A client that left before the count went out is nobody's failure: there is no one to answer either.
        if (error == ForwarderError.ClientAborted)
        {
            return;
        }

        health.For(endpoint).RecordFailure(error.ToString(), quota: false);
        var timedOut = error is ForwarderError.ConnectTimeout or ForwarderError.FirstByteTimeout or ForwarderError.TotalTimeout;
        Log.TokenCountFellBack(logger, endpoint.Provider.Name, endpoint.UpstreamModel, timedOut ? "timeout" : "connection failed");
    }

    /// <summary>An error status: the key rested where it was refused or rate limited, the endpoint's health told where
    /// the endpoint failed, as for a generation attempt (a 200 too long to be a count, or a 400, is neither).</summary>
    private void Refused(ModelEndpoint endpoint, UpstreamExchange exchange)
    {
        if (RetryClassifier.Classify((int)exchange.Response!.StatusCode) != UpstreamVerdict.Relay)
        {
            UpstreamRefusals.Record(exchange, endpoint.Provider, health.For(endpoint), _quotaCoolDown);
        }
    }

    /// <summary>The provider's deadlines, none longer than <see cref="Timeout"/>.</summary>
    private static ProviderTimeouts Bounded(ProviderTimeouts timeouts) =>
        timeouts.FirstByte <= Timeout && timeouts.Total <= Timeout
            ? timeouts
            : timeouts with { FirstByte = Min(timeouts.FirstByte, Timeout), Total = Min(timeouts.Total, Timeout) };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
