using System.Net;
using System.Net.Http.Headers;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Providers;

namespace Tollway.Gateway.Proxy;

/// <summary>
/// Sends a body to a provider endpoint over its pooled connections and waits for the response headers only; the
/// body is left unread so a stream can be relayed as it arrives. Applies the provider's connect, first-byte and total
/// timeouts and says precisely which one fired. The client leaving cancels the exchange only until the headers are in.
/// </summary>
internal sealed class UpstreamForwarder(TimeProvider timeProvider)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptEventStream = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    public async Task<UpstreamExchange> SendAsync(
        ModelEndpoint endpoint, GatewayOperation operation, ReadOnlyMemory<byte> body, bool stream, CancellationToken clientAborted)
    {
        var provider = endpoint.Provider;
        var timeouts = provider.Timeouts;
        // One timer for both deadlines: the first byte's until the headers are in, then the rest of the total.
        var firstByteIsTotal = timeouts.Total <= timeouts.FirstByte;
        var cancellation = new CancellationTokenSource(firstByteIsTotal ? timeouts.Total : timeouts.FirstByte, timeProvider);
        var clientAbort = clientAborted.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), cancellation);

        using var request = new HttpRequestMessage(HttpMethod.Post, provider.GetOperationUri(operation, endpoint.UpstreamModel, stream))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Content = new ReadOnlyMemoryContent(body),
        };
        request.Content.Headers.ContentType = JsonContentType;
        request.Headers.Accept.Add(stream ? AcceptEventStream : AcceptJson);
        var credential = provider.ApplyHeaders(request.Headers);

        var started = timeProvider.GetTimestamp();
        ForwarderError error;
        try
        {
            var response = await provider.Client.SendAsync(request, cancellation.Token);
            var elapsed = timeProvider.GetElapsedTime(started);
            // Once the provider answers, the generation is under way and billed to the operator whether or not the
            // client stays: from here only the total timeout ends the exchange, so a client that leaves is billed
            // on the provider's usage, read to its end, and not on what it happened to see.
            clientAbort.Dispose();
            // A deadline that passed as the headers came in: the response came too late, and its body would be cut anyway.
            if (!cancellation.IsCancellationRequested)
            {
                if (!firstByteIsTotal)
                {
                    cancellation.CancelAfter(timeouts.Total > elapsed ? timeouts.Total - elapsed : TimeSpan.FromTicks(1));
                }

                return new UpstreamExchange(cancellation, clientAbort, clientAborted)
                {
                    Response = response,
                    Credential = credential,
                    Started = started,
                    HeadersElapsed = elapsed,
                };
            }

            response.Dispose();
            error = Classify(new OperationCanceledException(cancellation.Token), firstByteIsTotal, clientAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException)
        {
            error = Classify(ex, cancellation.IsCancellationRequested ? firstByteIsTotal : null, clientAborted);
        }

        return new UpstreamExchange(cancellation, clientAbort, clientAborted)
        {
            Error = error,
            Credential = credential,
            HeadersElapsed = timeProvider.GetElapsedTime(started),
        };
    }

    /// <param name="exception">What the send threw.</param>
    /// <param name="deadlineWasTotal">Whether the deadline that passed was the total's; <see langword="null"/> when none passed.</param>
    /// <param name="clientAborted">The client's abort.</param>
    private static ForwarderError Classify(Exception exception, bool? deadlineWasTotal, CancellationToken clientAborted)
    {
        if (clientAborted.IsCancellationRequested)
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
