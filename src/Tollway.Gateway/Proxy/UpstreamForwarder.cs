using System.Net;
using System.Net.Http.Headers;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Providers;

namespace Tollway.Gateway.Proxy;

/// <summary>
/// Sends a body to a provider endpoint over its pooled connections and waits for the response headers only; the
/// body is left unread so a stream can be relayed as it arrives. Applies the provider's connect, first-byte and total
/// timeouts and says precisely which one fired.
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
        var totalTimeout = new CancellationTokenSource(provider.Timeouts.Total, timeProvider);
        var linked = CancellationTokenSource.CreateLinkedTokenSource(clientAborted, totalTimeout.Token);
        using var firstByteTimeout = new CancellationTokenSource(provider.Timeouts.FirstByte, timeProvider);
        using var headersToken = CancellationTokenSource.CreateLinkedTokenSource(linked.Token, firstByteTimeout.Token);

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
        try
        {
            var response = await provider.Client.SendAsync(request, headersToken.Token);
            return new UpstreamExchange(totalTimeout, linked)
            {
                Response = response,
                Credential = credential,
                Started = started,
                HeadersElapsed = timeProvider.GetElapsedTime(started),
            };
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException)
        {
            var error = Classify(ex, firstByteTimeout, totalTimeout, clientAborted);
            return new UpstreamExchange(totalTimeout, linked)
            {
                Error = error,
                Credential = credential,
                HeadersElapsed = timeProvider.GetElapsedTime(started),
            };
        }
    }

    private static ForwarderError Classify(Exception exception, CancellationTokenSource firstByte, CancellationTokenSource total, CancellationToken clientAborted)
    {
        if (clientAborted.IsCancellationRequested)
        {
            return ForwarderError.ClientAborted;
        }

        if (total.IsCancellationRequested)
        {
            return ForwarderError.TotalTimeout;
        }

        if (firstByte.IsCancellationRequested)
        {
            return ForwarderError.FirstByteTimeout;
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
