using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace Tollway.Bench.PassThrough;

/// <summary>
/// Forwards a request to the upstream with the same path, body and authorization, and copies the answer back as it
/// arrives (every read written and flushed, so streams are not held back). No parsing, auth, billing or logging: what
/// is left is the cost of Kestrel plus a pooled <see cref="HttpClient"/>, the floor any .NET gateway stands on.
/// </summary>
internal sealed class PassThroughForwarder(Uri upstream) : IDisposable
{
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        MaxConnectionsPerServer = int.MaxValue,
    });

    public async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        using var outgoing = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(upstream, request.Path.Value))
        {
            Content = new StreamContent(request.Body),
        };
        outgoing.Content.Headers.ContentLength = request.ContentLength;
        if (request.ContentType is { } contentType)
        {
            outgoing.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (request.Headers.Authorization.Count > 0)
        {
            outgoing.Headers.TryAddWithoutValidation("Authorization", request.Headers.Authorization.ToString());
        }

        using var incoming = await _client.SendAsync(outgoing, context.RequestAborted);
        var response = context.Response;
        response.StatusCode = (int)incoming.StatusCode;
        response.ContentType = incoming.Content.Headers.ContentType?.ToString();
        response.ContentLength = incoming.Content.Headers.ContentLength;
        await using var body = await incoming.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                await response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _client.Dispose();
}
