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

    /// <summary>Sends OpenAI's error envelope with the given details.</summary>
    public static async Task SendErrorAsync(HttpContext context, int status, string message, string? code, bool truncate, CancellationToken cancellationToken)
    {
        using var buffer = new FakeJsonBuffer();
        OpenAiErrorJson.Write(buffer.Begin(), message, status >= 500 ? "server_error" : "invalid_request_error", code);
        await SendAsync(context, status, buffer.End(), truncate, cancellationToken);
    }
}
