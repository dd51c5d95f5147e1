using Microsoft.AspNetCore.Http;

namespace Tollway.Gateway.Proxy;

/// <summary>
/// Reads a request body into one pooled buffer, refusing it as soon as it passes the limit, so an oversized body is
/// answered with 413 after reading at most the limit (and at once when <c>Content-Length</c> says so).
/// </summary>
internal static class RequestBodyReader
{
    public static async ValueTask<PooledBuffer?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var declared = request.ContentLength;
        if (declared > limit)
        {
            return null;
        }

        // A declared length is read into an array of that size (one more byte to see the end), so the common case rents
        // one small array and never grows it; pooled arrays run out when many requests are in flight, and each miss is
        // a fresh allocation.
        var buffer = new PooledBuffer(declared is { } length ? (int)length + 1 : 16 * 1024);
        var readSize = declared is null ? 4096 : 1;
        try
        {
            while (true)
            {
                var free = buffer.GetFreeMemory(readSize);
                var read = await request.Body.ReadAsync(free, cancellationToken);
                if (read == 0)
                {
                    return buffer;
                }

                buffer.Advance(read);
                if (buffer.Length > limit)
                {
                    buffer.Dispose();
                    return null;
                }
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }
}
