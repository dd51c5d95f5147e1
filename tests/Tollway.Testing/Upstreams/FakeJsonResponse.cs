using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Upstreams;

/// <summary>Sends a complete (non-streamed) JSON response.</summary>
internal static class FakeJsonResponse
{
    /// <summary>Sends <paramref name="body"/>, or only its first half when <paramref name="truncate"/> is set.</summary>
    public static async Task SendAsync(HttpContext context, int status, ReadOnlyMemory<byte> body, bool truncate, CancellationToken cancellationToken)
    {
        if (truncate)
        {
            body = body[..(body.Length / 2)];
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        // An exact Content-Length keeps a truncated body a clean JSON failure rather than a transport error.
        context.Response.ContentLength = body.Length;
        await context.Response.BodyWriter.WriteAsync(body, cancellationToken);
    }

    /// <summary>Sends <paramref name="body"/> framed as <paramref name="framing"/> says: chunked, with no length declared; or
    /// under a declared length far larger than the body, after which the answer hangs until the client leaves, or the
    /// connection is dropped.</summary>
    public static async Task SendFramedAsync(HttpContext context, int status, ReadOnlyMemory<byte> body, UpstreamBodyFraming framing, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (framing.DeclaredLength is { } declared)
        {
            context.Response.ContentLength = declared;
        }

        await context.Response.BodyWriter.WriteAsync(body, cancellationToken);
        await context.Response.BodyWriter.FlushAsync(cancellationToken);
        if (framing.BreakOff)
        {
            // An abort drops what the socket has not sent yet: the headers and the first part go out before the break.
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            context.Abort();
        }
        else if (framing.DeclaredLength is not null)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
    }

    /// <summary>Sends OpenAI's error envelope with the given details.</summary>
    public static async Task SendErrorAsync(HttpContext context, int status, string message, string? code, bool truncate, CancellationToken cancellationToken)
    {
        using var buffer = new FakeJsonBuffer();
        OpenAiErrorJson.Write(buffer.Begin(), message, status >= 500 ? "server_error" : "invalid_request_error", code);
        await SendAsync(context, status, buffer.End(), truncate, cancellationToken);
    }
}
