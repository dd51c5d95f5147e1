using Microsoft.AspNetCore.Http;

namespace Tollway.Gateway.Proxy;

/// <summary>
/// Reads a request body into one pooled buffer, refusing it as soon as it passes the limit, so an oversized body is
/// answered with 413 after reading at most the limit (and at once when <c>Content-Length</c> says so).
/// </summary>
internal static class RequestBodyReader
{
    public static ValueTask<PooledBuffer?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var declared = request.ContentLength;
        return declared > limit
            ? ValueTask.FromResult<PooledBuffer?>(null)
            : PooledBuffer.ReadAllAsync(request.Body, declared, limit, readSize: 4096, cancellationToken);
    }
}
