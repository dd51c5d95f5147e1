using System.Net;
using System.Net.Http.Headers;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// Sends a body to a provider endpoint over its pooled connections and waits for the response headers only; the
/// body is left unread so a stream can be relayed as it arrives. Applies the provider's connect, first-byte and total
/// timeouts and says precisely which one fired. The client leaving cancels the exchange only until the request has gone
/// out whole (<see cref="UpstreamRequestContent"/>): from then on the provider generates, and bills, whether or not anyone
/// waits, so the exchange runs on within its timeouts and the answer is read for its usage.
/// </summary>
internal sealed class UpstreamForwarder(TimeProvider timeProvider)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptEventStream = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    /// <summary>Sends an operation's body to the endpoint, within its provider's timeouts.</summary>
    public Task<UpstreamExchange> SendAsync(
        ModelEndpoint endpoint, GatewayOperation operation, ReadOnlyMemory<byte> body, bool stream, CancellationToken clientAborted)
    {
        var provider = endpoint.Provider;
        var uri = provider.GetOperationUri(operation, endpoint.UpstreamModel, stream);
        return SendAsync(new UpstreamCall(provider, uri, body, stream, provider.Timeouts), clientAborted);
    }

    /// <summary>Sends a body to any of a provider's URLs (a token count, say), within the call's timeouts.</summary>
    public async Task<UpstreamExchange> SendAsync(UpstreamCall call, CancellationToken clientAborted)
    {
        var provider = call.Provider;
        var timeouts = call.Timeouts;
        // One timer for both deadlines: the first byte's until the headers are in, then the rest of the total.
        var firstByteIsTotal = timeouts.Total <= timeouts.FirstByte;
        var cancellation = new CancellationTokenSource(firstByteIsTotal ? timeouts.Total : timeouts.FirstByte, timeProvider);
        var content = new UpstreamRequestContent(call.Body, cancellation);
        // A client already gone withdraws the request here, before anything is sent.
        var clientAbort = clientAborted.UnsafeRegister(UpstreamRequestContent.OnClientLeft, content);

        using var request = NewRequest(call, content);
        var credential = provider.ApplyHeaders(request.Headers);

        var started = timeProvider.GetTimestamp();
        ForwarderError error;
        try
        {
            var response = await provider.Client.SendAsync(request, cancellation.Token);
            var elapsed = timeProvider.GetElapsedTime(started);
            // The request went out whole (or the client would have withdrawn it, and the send thrown): from here only
            // the total timeout ends the exchange, so a client that leaves is billed on the provider's usage, read to
            // its end, and not on what it happened to see.
            clientAbort.Dispose();
            // A deadline that passed as the headers came in: the response came too late, and its body would be cut anyway.
            if (!cancellation.IsCancellationRequested)
            {
                if (!firstByteIsTotal)
                {
                    cancellation.CancelAfter(timeouts.Total > elapsed ? timeouts.Total - elapsed : TimeSpan.FromTicks(1));
                }

                return new UpstreamExchange(cancellation, clientAbort, content)
                {
                    Response = response,
                    Credential = credential,
                    Started = started,
                    HeadersElapsed = elapsed,
                };
            }

            response.Dispose();
            error = Classify(new OperationCanceledException(cancellation.Token), firstByteIsTotal, content.WasWithdrawn);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException)
        {
            error = Classify(ex, cancellation.IsCancellationRequested ? firstByteIsTotal : null, content.WasWithdrawn);
        }

        return new UpstreamExchange(cancellation, clientAbort, content)
        {
            Error = error,
            Credential = credential,
            HeadersElapsed = timeProvider.GetElapsedTime(started),
        };
    }

    private static HttpRequestMessage NewRequest(UpstreamCall call, UpstreamRequestContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, call.Uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Content = content,
        };
        request.Content.Headers.ContentType = JsonContentType;
        request.Headers.Accept.Add(call.Stream ? AcceptEventStream : AcceptJson);
        return request;
    }

    /// <param name="exception">What the send threw.</param>
    /// <param name="deadlineWasTotal">Whether the deadline that passed was the total's; <see langword="null"/> when none passed.</param>
    /// <param name="withdrawn">Whether the client left before the request went out, which cancelled it.</param>
    private static ForwarderError Classify(Exception exception, bool? deadlineWasTotal, bool withdrawn)
    {
        if (withdrawn)
        {
            return ForwarderError.ClientAborted;
        }

        if (deadlineWasTotal is { } total)
        {
            return total ? ForwarderError.TotalTimeout : ForwarderError.FirstByteTimeout;
        }

        // SocketsHttpHandler reports its ConnectTimeout as a cancellation that none of our tokens caused.
        if (exception is OperationCanceledException)
        {
            return ForwarderError.ConnectTimeout;
        }

        return exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
            ? ForwarderError.ConnectFailed
            : ForwarderError.RequestFailed;
    }
}
