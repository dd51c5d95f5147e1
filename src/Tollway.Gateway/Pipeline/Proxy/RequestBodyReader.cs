using Tollway.Gateway.Errors;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// Reads a request body into one pooled buffer, refusing it as soon as it passes the limit, so an oversized body is
/// answered with 413 after reading at most the limit (and at once when <c>Content-Length</c> says so). A body that
/// comes slower than Kestrel's minimum data rate (<c>server.minRequestBodyBytesPerSecond</c>) is answered 408, and
/// one that cannot be read (a malformed chunk) 400; after any of these the connection is not reused.
/// </summary>
internal static class RequestBodyReader
{
    public static async ValueTask<(PooledBuffer? Body, GatewayError? Error)> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var declared = request.ContentLength;
        try
        {
            var body = declared > limit
                ? null
                : await PooledBuffer.ReadAllAsync(request.Body, declared, limit, readSize: 4096, cancellationToken);
            return body is null ? (null, GatewayError.BodyTooLarge(limit)) : (body, null);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ex.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => GatewayError.BodyTooLarge(limit),
                StatusCodes.Status408RequestTimeout => GatewayError.BodyTimeout(),
                // Kestrel's reason names the framing fault ("Bad chunk size data."), never the body's content.
                _ => GatewayError.InvalidRequest($"The request body could not be read: {ex.Message}"),
            });
        }
    }
}
